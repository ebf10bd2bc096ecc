// Package analysis computes what stancemap reports from a data.Corpus:
// stance and salience matrices per actor (or group of actors) × theme, by
// period, and the measures built on them.
//
// # Stance matrices
//
// StanceMatrices gives, for every row, theme and period, a Cell: the
// number of statements, their total weight, the weighted mean stance
// Σwᵢxᵢ/Σwᵢ, the weighted standard deviation (gonum stat.StdDev:
// frequency weights, divided by Σw − 1), a percentile bootstrap confidence
// interval of the mean, the salience (the share of the row's weight in the
// period that falls on the theme) and the id of one statement that
// illustrates the cell. See Cell for every formula and edge case.
//
// Conventions shared by the package:
//
//   - Missing is NaN, never 0. A cell with no statements has NaN mean, SD
//     and interval; 0 is a neutral stance and means something else.
//   - Salience and position are kept apart: an actor can talk about a
//     theme a lot (high salience) and take no side (mean near 0).
//   - Weights are frequency weights: a statement of weight 2 counts as two
//     statements of weight 1 in the mean and the SD. A weight of 0 keeps a
//     statement in the counts but out of the mean, SD and interval.
//   - Dates keep their precision. A statement dated "2013" belongs to no
//     month and no quarter: when periods are finer than a statement's date,
//     the statement is reported in MatrixSet.Unplaced, never dropped
//     silently and never pinned to 1 January.
//   - Results are deterministic: the same corpus and options give
//     identical numbers, whatever the number of cores. Random streams are
//     seeded from the user's seed and the labels of what they belong to.
//
// # Bootstrap
//
// The interval is the percentile bootstrap (Efron & Tibshirani 1993, An
// Introduction to the Bootstrap, ch. 13) with B resamples, read with the
// inverse-CDF quantile (gonum stat.Empirical): the k-th smallest resampled
// mean, k = ⌈p·B⌉. One method with one random stream per cell (see
// bootstrap.go): a resample of n statements with replacement is drawn as
// a multinomial over the cell's distinct (stance, weight) values, by
// successive binomial draws, so it costs O(distinct values), not O(n).
// The intervals depend only on the data, the seed and B.
package analysis
