// Package extract turns raw documents into coded statements: the text
// extractor and dictionary coder behind `stancemap extract`, and the
// evaluation against hand-coded statements behind `stancemap evaluate`.
// The commands themselves (flags, output, exit codes) live in
// internal/cli; agreement between coders in analysis (Agreement).
//
// # Pipeline
//
// A document (a .txt, .md or .html file, or one row of a tabular corpus)
// is cleaned (boilerplate lines and repeated paragraphs left out, nothing
// rewritten: offsets always point into the text as read), split into
// paragraphs and sentences, and each sentence is tokenized into words.
// One Aho–Corasick automaton over folded, lightly stemmed words finds every
// phrase at once: the codebook's theme keywords and pole cues, and the
// rules file's general cues, negators, hedges, intensifiers and words of
// reported speech. A second automaton over unstemmed words finds names:
// the registry's actors and aliases and the rules' gazetteer (demonyms,
// short names, capitals, "the UN chief").
//
// Who said it: reported speech outside quotation marks ("X said", "said
// X", "X, China's assistant foreign minister, said", "according to X",
// "X called on"), pronouns carried to the last named speaker, quotations
// attributed where they open or close, and unattributed sentences that
// continue an attributed paragraph. A person the registry knows is coded
// as that actor (an official; Options.OfficialsAsOrganisation codes the
// state or organisation instead); an unknown person takes the state or
// organisation their title or demonym names. With no speaker, a sentence
// goes to the document's default actor, or is flagged and not coded:
// never guessed.
//
// Which side: each theme phrase is valued by its pole (pole cues ±1;
// problem terms such as "digital divide" +1 when something is to be done
// about them; plain keywords 0) and by the nearest general cue of its
// clause ("call for" +, "reject" −, "close" acting on a problem term),
// with negators flipping what follows them within a few words. The sum's
// sign is the side; two cues of one side or an intensifier make it ±2; a
// hedge keeps it at ±1 and lowers the confidence.
//
// Every statement keeps its evidence: the url column holds
// "file#char=start,end" (RFC 5147 fragment, code points, end exclusive),
// the text column the sentence, and the note the cues and how the speaker
// was found.
//
// # Rules
//
// rules.yaml (embedded; `stancemap extract --print-rules`) holds every rule
// besides the codebook: users tune the coder by editing a copy.
//
// # Accuracy
//
// Evaluate scores predictions against a hand-coded gold set by document
// and overlapping span (data.ParseEvidence); analysis.Agreement measures
// coders' reliability with Krippendorff's alpha, Cohen's kappa and
// percent agreement. testdata/seeds_gold.csv is the gold set for the five
// seed reports in ../shared/seeds: offsets and codes only, no text.
package extract
