"""Methods tried on the tuning list only (SCO vs FOC) and not added to stancemap scale.

usage: python3 rejected.py ungdc.csv.gz      (about two minutes)

A throw-away numpy re-implementation, not a check of stancemap: its tokenising only
approximates analysis/scale_text.go's (lower-case words, hyphenated compounds whole,
the same stop words, words of 10+ occurrences, names left out), which reproduces
stancemap's Wordscores AUC on the tuning list (0.876). It prints the tuning-list AUC of
  - Wordfish (Slapin & Proksch 2008, "A Scaling Model for Estimating Time-Series Party
    Positions from Texts", AJPS 52(3)): y_ij ~ Poisson(exp(a_i + psi_j + b_j theta_i)),
    fitted by alternating Newton steps on (a_i, theta_i) and (psi_j, b_j), with normal
    priors of sd 1 on b and 3 on psi (as quanteda's textmodel_wordfish), theta
    standardised after each round; its sign is set so that CHN+RUS > USA+GBR. On whole
    speeches, then on the sentences within two of a context term.
  - Wordscores with every SCO member at +1 and every FOC member at -1 as reference
    texts, each state scored leave-one-out (its own text out of the references).
"""
import collections
import csv
import gzip
import re
import sys

import numpy as np

csv.field_size_limit(1 << 30)
here = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
SENT = re.compile(r"(?<=[.!?;])\s+|\n\s*\n")
WORD = re.compile(r"[^\W_]+(?:-[^\W\d_]+)*")
STOP = set("""a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours yourself
yourselves us may must shall upon within without among amongst across per via mr ms mrs madam sir let like
one two three also well yet still even ever every many much whose whether though although however thus
therefore""".split())
CTX1 = {"cyber", "cyberspace", "cybersecurity", "cybercrime", "internet", "online", "digital", "ict", "icts",
        "telecommunication", "telecommunications", "broadband", "e-government", "e-commerce", "wsis"}
CTX2 = [("cyber", "security"), ("information", "communication"), ("information", "communications"),
        ("information", "technology"), ("information", "technologies"), ("information", "security"),
        ("information", "space"), ("artificial", "intelligence"), ("social", "media")]

docs = []
for row in csv.DictReader(gzip.open(sys.argv[1], "rt", encoding="utf-8")):
    if 2010 <= int(row["year"]) <= 2024:
        sents = []
        for s in SENT.split(row["text"]):
            ws = [(m.group(0).lower(), m.group(0)[0].isupper() and i > 0)
                  for i, m in enumerate(WORD.finditer(s.replace("\u2019", "'")))]
            if ws:
                sents.append(ws)
        docs.append((row["country"], sents))
count, caps = collections.Counter(), collections.Counter()
for _, ss in docs:
    for s in ss:
        for w, c in s:
            count[w] += 1
            caps[w] += c
terms = {w for w, n in count.items() if n >= 10 and 2 * caps[w] <= n and len(w) >= 2 and w not in STOP and not w.isdigit()}


def is_ctx(s):
    ws = [w for w, _ in s]
    return any(w in CTX1 for w in ws) or any((ws[i], ws[i + 1]) in CTX2 for i in range(len(ws) - 1))


def counts(window):
    A = collections.defaultdict(collections.Counter)
    for a, ss in docs:
        c = [is_ctx(s) for s in ss] if window is not None else None
        for j, s in enumerate(ss):
            if c is None or any(c[max(0, j - window):j + window + 1]):
                A[a].update(w for w, _ in s if w in terms)
    actors = sorted(a for a in A if A[a])
    tot = collections.Counter()
    for a in actors:
        tot.update(A[a])
    words = sorted(w for w, n in tot.items() if n >= 10)
    idx = {w: i for i, w in enumerate(words)}
    Y = np.zeros((len(actors), len(words)))
    for i, a in enumerate(actors):
        for w, n in A[a].items():
            if w in idx:
                Y[i, idx[w]] = n
    keep = Y.sum(1) > 0
    return [a for a, k in zip(actors, keep) if k], words, Y[keep]


tune = {r["country"]: r["camp"] for r in csv.DictReader(open(f"{here}/foc_sco.csv"))}


def auc(pos):
    c = [v for a, v in pos.items() if tune.get(a) == "control"]
    o = [v for a, v in pos.items() if tune.get(a) == "open"]
    return sum((x > y) + 0.5 * (x == y) for x in c for y in o) / (len(c) * len(o)), len(c), len(o)


def wordfish(Y, iters=500, tol=1e-9, sd_b=1.0, sd_psi=3.0):
    rs = Y.sum(1)
    psi, alpha = np.log(Y.mean(0)), np.log(rs / rs[0])
    L = np.log((Y + 1) / rs[:, None])
    U = np.linalg.svd(L - L.mean(0), full_matrices=False)[0][:, 0]
    theta, beta = (U - U.mean()) / U.std(), np.zeros(Y.shape[1])

    def loglik():
        eta = alpha[:, None] + psi + theta[:, None] * beta
        return (Y * eta - np.exp(eta)).sum() - (beta ** 2).sum() / (2 * sd_b ** 2) - (psi ** 2).sum() / (2 * sd_psi ** 2)
    old = loglik()
    for _ in range(iters):
        lam = np.exp(alpha[:, None] + psi + theta[:, None] * beta)
        r = Y - lam
        g0, g1 = r.sum(0) - psi / sd_psi ** 2, (r * theta[:, None]).sum(0) - beta / sd_b ** 2
        h00, h01 = -lam.sum(0) - 1 / sd_psi ** 2, -(lam * theta[:, None]).sum(0)
        h11 = -(lam * theta[:, None] ** 2).sum(0) - 1 / sd_b ** 2
        det = h00 * h11 - h01 * h01
        psi, beta = psi - (h11 * g0 - h01 * g1) / det, beta - (-h01 * g0 + h00 * g1) / det
        lam = np.exp(alpha[:, None] + psi + theta[:, None] * beta)
        r = Y - lam
        g0, g1 = r.sum(1), (r * beta).sum(1)
        h00, h01, h11 = -lam.sum(1), -(lam * beta).sum(1), -(lam * beta ** 2).sum(1)
        det = h00 * h11 - h01 * h01
        alpha, theta = alpha - (h11 * g0 - h01 * g1) / det, theta - (-h01 * g0 + h00 * g1) / det
        mu, sd = theta.mean(), theta.std()
        psi, beta, theta = psi + beta * mu, beta * sd, (theta - mu) / sd
        psi, alpha = psi + alpha[0], alpha - alpha[0]
        new = loglik()
        if abs(new - old) < tol * abs(new):
            break
        old = new
    return theta, beta


for label, window in (("whole speeches", None), ("sentences within 2 of a context term", 2)):
    actors, words, Y = counts(window)
    theta, beta = wordfish(Y)
    pos = dict(zip(actors, theta))
    if pos["CHN"] + pos["RUS"] < pos["USA"] + pos["GBR"]:
        pos, beta = {a: -v for a, v in pos.items()}, -beta
    o = np.argsort(beta)
    print(f"Wordfish, {label}: AUC %.3f (%d control, %d open)" % auc(pos))
    print("   words to the + end:", ", ".join(words[i] for i in o[-10:][::-1]))
    print("   words to the - end:", ", ".join(words[i] for i in o[:10]))

actors, words, Y = counts(None)
refs = {a: (1.0 if c == "control" else -1.0) for a, c in tune.items() if a in actors}
loo = {}
for a in refs:
    r = [actors.index(b) for b in refs if b != a]
    A = np.array([refs[actors[i]] for i in r])
    F = Y[r] / Y[r].sum(1, keepdims=True)
    sf = F.sum(0)
    ok = sf > 0
    S = (F[:, ok] * A[:, None]).sum(0) / sf[ok]
    y = Y[actors.index(a), ok]
    loo[a] = y @ S / y.sum()
print("Wordscores, every SCO and FOC member a reference, leave-one-out: AUC %.3f (%d control, %d open)" % auc(loo))
