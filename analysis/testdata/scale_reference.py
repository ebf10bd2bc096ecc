#!/usr/bin/python3
"""Independent implementation of stancemap's text scaling, with numpy.

Writes scale_corpus.csv (a small corpus of texts, generated from a fixed seed)
and scale_expected.json (what Wordscores and Latent Semantic Scaling give on
it), for analysis/scale_test.go. Run: python3 scale_reference.py

The words are w00..w39 (no stop words, no names), sentences end with ". ",
so tokenising is splitting. Formulas: Laver, Benoit & Garry (2003) for
Wordscores with their rescaling; Watanabe (2021) for LSS, as documented in
analysis/scale_wordscores.go and analysis/scale_lss.go.
"""
import csv
import json

import numpy as np

rng = np.random.default_rng(20261204)
V = 40
words = [f"w{i:02d}" for i in range(V)]
actors = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH"]
lean = {"AAA": 1.0, "BBB": 0.6, "CCC": 0.2, "DDD": -0.2, "EEE": -0.6, "FFF": -1.0, "GGG": 0.4, "HHH": -0.4}
ndocs = {a: 3 for a in actors}
ndocs["GGG"] = 2  # two documents: the bootstrap interval is their range
ndocs["HHH"] = 1

# word i leans to the + end when i < 20; an actor of lean l prefers them
pref = np.array([1.0 if i < 20 else -1.0 for i in range(V)])
docs = []
for a in actors:
    for d in range(ndocs[a]):
        p = np.exp(0.8 * lean[a] * pref + rng.normal(0, 0.5, V))
        p /= p.sum()
        sents = []
        for s in range(int(rng.integers(4, 8))):
            n = int(rng.integers(3, 9))
            sents.append(" ".join(words[j] for j in rng.choice(V, size=n, p=p)))
        docs.append((a, 2010 + d, ". ".join(sents) + "."))

with open("scale_corpus.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["actor", "year", "text"])
    for a, y, t in docs:
        w.writerow([a, y, t])

# tokens
doc_sents = []
for a, y, t in docs:
    doc_sents.append([s.strip(" .").split() for s in t.split(". ") if s.strip(" .")])
index = {w: i for i, w in enumerate(sorted(words))}


def counts(tokens):
    c = np.zeros(V)
    for tok in tokens:
        c[index[tok]] += 1
    return c


doc_counts = np.array([counts([t for s in ss for t in s]) for ss in doc_sents])
actor_docs = {a: [i for i, d in enumerate(docs) if d[0] == a] for a in actors}

# Wordscores: references AAA +1, BBB +0.5, FFF -1
refs = {"AAA": 1.0, "BBB": 0.5, "FFF": -1.0}
C = np.array([doc_counts[actor_docs[r]].sum(axis=0) for r in sorted(refs)])
A = np.array([refs[r] for r in sorted(refs)])
F = C / C.sum(axis=1, keepdims=True)
P = F / F.sum(axis=0, keepdims=True)
S = P.T @ A  # every word occurs in some reference here
raw = {a: doc_counts[actor_docs[a]].sum(axis=0) @ S / doc_counts[actor_docs[a]].sum() for a in actors}
virgin = np.array([raw[a] for a in actors if a not in refs])
mv, sv, sr = virgin.mean(), virgin.std(ddof=1), A.std(ddof=1)
ws = {a: (raw[a] - mv) * sr / sv + mv for a in actors}
ws_docs_g = [float((doc_counts[i] @ S / doc_counts[i].sum() - mv) * sr / sv + mv) for i in actor_docs["GGG"]]

# LSS: seeds w00 w01 (+) and w20 w21 w22 (-), k = 5, exact SVD
X = np.array([counts(s) for ss in doc_sents for s in ss])
_, _, Vt = np.linalg.svd(X, full_matrices=False)
k = 5
E = Vt[:k].T
U = E / np.linalg.norm(E, axis=1, keepdims=True)
pos_seeds, neg_seeds = ["w00", "w01"], ["w20", "w21", "w22"]
g = U @ (U[[index[s] for s in pos_seeds]].mean(axis=0) - U[[index[s] for s in neg_seeds]].mean(axis=0))
doc_raw = doc_counts @ g / doc_counts.sum(axis=1)
mu, sd = doc_raw.mean(), doc_raw.std()
lss = {a: float((doc_counts[actor_docs[a]].sum(axis=0) @ g / doc_counts[actor_docs[a]].sum() - mu) / sd) for a in actors}
lss_docs_g = [float((doc_raw[i] - mu) / sd) for i in actor_docs["GGG"]]

# The sentence filter (scale_context.go): context terms w10 and the phrase
# "w11 w37", window 1 sentence; Wordscores and LSS read only the sentences
# kept (LSS keeps the word space learnt from every sentence).
ctx_terms, window = ["w10", "w11 w37"], 1


def has_word(s):
    return "w10" in s


def has_phrase(s):
    return any(s[i] == "w11" and s[i + 1] == "w37" for i in range(len(s) - 1))


def holds(s):
    return has_word(s) or has_phrase(s)


kept_counts = []
n_kept = 0
for ss in doc_sents:
    has = [holds(s) for s in ss]
    keep = [any(has[max(0, j - window):j + window + 1]) for j in range(len(ss))]
    n_kept += sum(keep)
    kept_counts.append(counts([t for s, k in zip(ss, keep) if k for t in s]))
kept_counts = np.array(kept_counts)
Ck = np.array([kept_counts[actor_docs[r]].sum(axis=0) for r in sorted(refs)])
Fk = Ck / Ck.sum(axis=1, keepdims=True)
sfk = Fk.sum(axis=0)
Sk = np.where(sfk > 0, (Fk * A[:, None]).sum(axis=0) / np.where(sfk > 0, sfk, 1), np.nan)
scored = ~np.isnan(Sk)


def kraw(c):
    n = c[scored].sum()
    return c[scored] @ Sk[scored] / n if n > 0 else np.nan


rawk = {a: kraw(kept_counts[actor_docs[a]].sum(axis=0)) for a in actors}
vk = np.array([rawk[a] for a in actors if a not in refs and not np.isnan(rawk[a])])
mk, sk = vk.mean(), vk.std(ddof=1)
def num(x):
    return None if np.isnan(x) else float(x)  # null: no position


ws_ctx = {a: num((rawk[a] - mk) * sr / sk + mk) for a in actors}
dk = np.array([kraw(c) for c in kept_counts])
dk = dk[~np.isnan(dk)]
lss_ctx_raw = {a: kept_counts[actor_docs[a]].sum(axis=0) @ g / kept_counts[actor_docs[a]].sum() for a in actors}
doc_raw_k = np.array([c @ g / c.sum() for c in kept_counts if c.sum() > 0])
muk, sdk = doc_raw_k.mean(), doc_raw_k.std()
lss_ctx = {a: num((v - muk) / sdk) for a, v in lss_ctx_raw.items()}

json.dump({
    "context": {"terms": ctx_terms, "window": window, "sentences_kept": n_kept,
                "phrase_found": any(has_phrase(s) for ss in doc_sents for s in ss),
                "sentences": sum(len(ss) for ss in doc_sents),
                "wordscores": ws_ctx, "lss": lss_ctx},
    "wordscores": {"references": refs, "word_scores": {w: float(S[index[w]]) for w in ["w00", "w19", "w20", "w39"]},
                   "positions": {a: float(v) for a, v in ws.items()}, "ggg_documents": ws_docs_g},
    "lss": {"seeds": {"positive": pos_seeds, "negative": neg_seeds}, "dimensions": k,
            "polarity": {w: float(g[index[w]]) for w in ["w00", "w05", "w19", "w20", "w30", "w39"]},
            "positions": lss, "ggg_documents": lss_docs_g},
}, open("scale_expected.json", "w"), indent=1, sort_keys=True)
print(json.dumps(ws, indent=1), json.dumps(lss, indent=1), json.dumps(ws_ctx, indent=1), n_kept)
