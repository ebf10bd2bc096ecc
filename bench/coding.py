#!/usr/bin/env python3
"""The dictionary coder of `stancemap extract`, written in Python with `re`.

This is the Python side of bench/coding.sh: it codes a tabular corpus (one
speech per row, such as the UN General Debate Corpus) the way an analyst
would with the standard library: read the gzip CSV with `csv`, split each
speech into sentences, normalise the words (fold case and accents, strip
English inflections) and find the codebook's phrases with compiled regular
expressions, then score each theme a sentence names with the coder's rules
(pole cues, problem terms, the governing general cue, negation, hedges and
intensifiers). It reads the same dictionary files as stancemap
(data/sample/codebook.yaml, internal/extract/rules.yaml,
data/sample/actors.csv) and replicates the Go coder's rules for rows of a
table (Document.Speech: the row's actor speaks every sentence, so there is
no speaker attribution), so that both write the same statements.

Phrase matching: every word of a sentence is mapped to its stem, or to "#"
when no phrase uses that stem; the stems are joined with spaces; for each
phrase length n (in words) one regular expression, a trie of all n-word
phrases inside a lookahead, finds every start where an n-word phrase
matches. Together they give every match, overlapping ones included, which
is what the Go coder's Aho-Corasick automaton reports. A sentence is only
scored when a single regular expression over all theme phrases finds one.

    python3 bench/coding.py ../shared/data/ungdc_1946-2024.csv.gz -o py.csv

Output: CSV with row (the line of the input file where the row starts, as in
stancemap's evidence "#row=N"), start and end (code points, end exclusive),
actor, date, theme, stance, confidence, cues and the sentence. A summary
line goes to standard error.
"""

import argparse
import csv
import gzip
import math
import os
import re
import sys
import time
import unicodedata

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ---------------------------------------------------------------- characters
# The character classes of the Go coder (unicode.IsLetter, IsDigit, IsMark,
# IsSpace), built once from unicodedata so that both sides agree on every
# character, not only on ASCII.

_cat = unicodedata.category


def _class(lo, hi):
    """The Go coder's word characters (letters, decimal digits, marks) and
    letters in code points lo..hi-1, as two regular expression classes."""
    word, letter = [], []
    for cp in range(lo, hi):
        c = _cat(chr(cp))
        word.append(c[0] in "LM" or c == "Nd")
        letter.append(c[0] == "L")

    def ranges(flags):
        out, start = [], None
        for i, f in enumerate(flags + [False]):
            if f and start is None:
                start = i
            elif not f and start is not None:
                a, b = chr(lo + start), chr(lo + i - 1)
                out.append(re.escape(a) if a == b else re.escape(a) + "-" + re.escape(b))
                start = None
        return "".join(out)

    return ranges(word), ranges(letter)


def _word_regexes(astral):
    """The regular expressions for words and tokens. A class holding code
    points beyond U+FFFF makes re test its ranges one by one, ten times
    slower, so the ones for the Basic Multilingual Plane serve every text
    that has no such character, and the full ones the rest."""
    w, l = _class(0x80, 0x10000)
    if astral:
        wa, la = _class(0x10000, 0x110000)
        w, l = w + wa, l + la
    letter = "[A-Za-z" + l + "]"
    wordch = "[A-Za-z0-9" + w + "]"
    # A word: a dotted acronym (U.N., e.g.) or letters, digits and marks,
    # with an apostrophe kept when a letter follows it (country's).
    word = r"(?:%s\.){2,}|%s+(?:['’]%s%s*)*" % (letter, wordch, letter, wordch)
    # Tokens: words, and the marks that bound clauses (comma, break, quote).
    tok = r"(%s)|([,()\[\]])|([;:—–；：，、]|--|(?<= )-(?= ))|([“«‘「『”»’」』\"])" % word
    return re.compile(word), re.compile(tok)


WORD_RE, TOK_RE = _word_regexes(False)
ASTRAL_RE = re.compile("[\U00010000-\U0010FFFF]")
_full = []


def word_regexes(text):
    if not ASTRAL_RE.search(text):
        return WORD_RE, TOK_RE
    if not _full:
        _full.extend(_word_regexes(True))
    return _full[0], _full[1]


SPACES = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b"
SPACECHARS = "\t\n\v\f\r \x85\xa0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + \
    "\u2028\u2029\u202f\u205f\u3000\ufeff\u200b"
SP_RUN = re.compile("[" + SPACES + "]+")
SP_MATCH = re.compile("[" + SPACES + "]*")

TERM_RE = re.compile(r"[.!?。！？]")
CLOSERS_RE = re.compile(r"[\"”’')\]»」』]*")


def ends_sentence(s):
    s = s.rstrip(" \t\"”’»)]")
    return s != "" and s[-1] in ".!?。！？…"


def starts_sentence(ch):
    if ch in "\"“‘'([«「『-•*":
        return True
    return ch.isalpha() and _cat(ch) != "Ll"


def is_lower(ch):
    return _cat(ch) == "Ll"


# ---------------------------------------------------------------- words


def fold(w):
    if w in ("n't", "n’t", "N'T"):
        return "not"
    if w.isascii():
        s = w.lower()
    else:
        s = "".join((c if c not in "’‘" else "'").lower() for c in unicodedata.normalize("NFKD", w) if _cat(c) != "Mn")
    if s.endswith("'s"):
        s = s[:-2]
    elif s.endswith("s'"):
        s = s[:-1]
    if "." in s or "'" in s:
        s = s.replace(".", "").replace("'", "")
    return s


PROTECTED = {"not", "non", "nor", "the", "and", "for", "are", "was", "has", "his", "her", "its",
             "our", "can", "may", "use", "all", "any", "one"}


def _undouble_min(s):
    n = len(s)
    u = s[:-1] if n >= 2 and s[-1] == s[-2] and s[-1] not in "aeioulsz" else s
    return u if len(u) >= 3 else s


def _has_vowel(s):
    return any(c in "aeiouy" for c in s)


def stem(w):
    """Light English stemming, the same as the Go coder's (tokens.go)."""
    if len(w) <= 3 or not (w.isascii() and w.isalpha() and w.islower()):
        return w
    s = w

    def attempt(t):
        return t if len(t) >= 3 and t not in PROTECTED else s

    if s.endswith("ies") and len(s) > 4:
        s = attempt(s[:-3] + "i")
    elif s.endswith("sses"):
        s = attempt(s[:-2])
    elif s.endswith(("xes", "ches", "shes", "zes")):
        s = attempt(s[:-2])
    elif s.endswith(("ss", "us", "is")):
        pass
    elif s.endswith("s"):
        s = attempt(s[:-1])
    if s.endswith("ied") and len(s) > 4:
        s = attempt(s[:-3] + "i")
    elif s.endswith("ed") and _has_vowel(s[:-2]):
        s = attempt(_undouble_min(s[:-2]))
    elif s.endswith("ing") and _has_vowel(s[:-3]):
        s = attempt(_undouble_min(s[:-3]))
    if len(s) > 3 and s.endswith("e"):
        s = attempt(s[:-1])
    if len(s) > 3 and s.endswith("y"):
        s = attempt(s[:-1] + "i")
    return s


def contraction(w):
    """Length of the part before a negative contraction ("do|n't", "can|not")."""
    if len(w) > 3 and (w.endswith("n't") or w.endswith("N'T") or w.endswith("n’t")):
        return len(w) - 3
    if len(w) == 6 and w.isascii() and w.lower() == "cannot":
        return 3
    return 0


# ---------------------------------------------------------------- dictionary

KEYWORD, POLE, PROBLEM, EXCLUDE, SUPPORT, OPPOSE, REDUCE, INTENS, HEDGE, NEGATOR, SAY, ACCORDING, \
    GROUP, PRONOUN, TITLE, CONTEXT = range(16)
THEME_KINDS = (KEYWORD, POLE, PROBLEM)
RANK = {KEYWORD: 0, PROBLEM: 1, POLE: 2}


def trie_regex(strings):
    """One alternation, shaped as a trie, matching any of strings."""
    trie = {}
    for s in strings:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node):
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


class Dictionary:
    def __init__(self, codebook, rules):
        # BaseLoader: every scalar is a string, as Go's yaml reads a list
        # of strings (YAML 1.1 would read the abbreviation "No" as false).
        with open(codebook, encoding="utf-8") as f:
            cb = yaml.load(f, Loader=yaml.BaseLoader)
        with open(rules, encoding="utf-8") as f:
            ru = yaml.load(f, Loader=yaml.BaseLoader)
        self.themes = [t["id"] for t in cb["themes"]]
        st = ru.get("stance") or {}
        self.scope = int(st.get("negation_scope") or 0) or 4
        self.reach = int(st.get("reach") or 0) or 10
        cl = ru.get("cleaning") or {}
        self.min_words = int(cl.get("min_words") or 0) or 4
        self.heading_words = int(cl.get("heading_words") or 0) or 12
        self.max_sentence = int(cl.get("max_sentence") or 0) or 2000
        self.abbrev = set(cl.get("abbreviations") or [])
        self.keep = {fold(w) for w in (ru.get("words") or {}).get("unstemmed") or []}

        phrases = []  # (kind, theme, pol, text)

        def add(kind, theme, pol, items):
            for t in items or []:
                if str(t).strip():
                    phrases.append((kind, theme, pol, str(t)))

        rthemes = ru.get("themes") or {}
        for i, th in enumerate(cb["themes"]):
            cues = th.get("cues") or {}
            add(KEYWORD, i, 0, th.get("keywords"))
            add(POLE, i, 1, cues.get("positive"))
            add(POLE, i, -1, cues.get("negative"))
            tr = rthemes.get(th["id"])
            if tr is not None:
                tc = tr.get("cues") or {}
                add(KEYWORD, i, 0, tr.get("keywords"))
                add(POLE, i, 1, tc.get("positive"))
                add(POLE, i, -1, tc.get("negative"))
                add(PROBLEM, i, 0, tr.get("problems"))
                add(EXCLUDE, i, 0, tr.get("exclude"))
        add(SUPPORT, -1, 1, st.get("support"))
        add(OPPOSE, -1, -1, st.get("oppose"))
        add(REDUCE, -1, -1, st.get("reduce"))
        add(INTENS, -1, 0, st.get("intensifiers"))
        add(HEDGE, -1, 0, st.get("hedges"))
        add(NEGATOR, -1, 0, st.get("negators"))
        at = ru.get("attribution") or {}
        add(SAY, -1, 0, at.get("say"))
        add(ACCORDING, -1, 0, at.get("according"))
        add(GROUP, -1, 0, at.get("groups"))
        add(PRONOUN, -1, 0, at.get("pronouns"))
        add(TITLE, -1, 0, at.get("titles"))
        add(CONTEXT, -1, 0, ru.get("context"))
        self.kind = [p[0] for p in phrases]
        self.theme = [p[1] for p in phrases]
        self.pol = [p[2] for p in phrases]

        # Each phrase as stems joined by spaces; grouped by length in words.
        self.vocab = set()
        by_len = {}
        theme_strs, context_strs = set(), set()
        for i, (kind, _, _, text) in enumerate(phrases):
            stems = []
            for m in WORD_RE.finditer(text):
                w = m.group()
                n = contraction(w)
                parts = [w[:n], w[n:]] if n else [w]
                stems.extend(self.stem(fold(p)) for p in parts)
            if not stems:
                continue
            self.vocab.update(stems)
            key = " ".join(stems)
            by_len.setdefault(len(stems), {}).setdefault(key, []).append(i)
            if kind in THEME_KINDS:
                theme_strs.add(key)
            elif kind == CONTEXT:
                context_strs.add(key)
        self.by_len = by_len
        self.len_res = [(n, re.compile(" (?=(%s) )" % trie_regex(by_len[n])), by_len[n]) for n in sorted(by_len)]
        self.any_theme = re.compile(" (?:%s)(?= )" % trie_regex(theme_strs))
        self.any_context = re.compile(" (?:%s)(?= )" % trie_regex(context_strs)) if context_strs else None

    def stem(self, w):
        return w if w in self.keep else stem(w)


class SymbolCache(dict):
    """Surface word → what the phrase regexes see: its stem, or "#" when no
    phrase uses that stem; a negative contraction gives two ("do not")."""

    def __init__(self, d):
        super().__init__()
        self.d = d

    def __missing__(self, w):
        n = contraction(w)
        parts = [w[:n], w[n:]] if n else [w]
        out = []
        for p in parts:
            s = self.d.stem(fold(p))
            out.append(s if s in self.d.vocab else "#")
        v = " ".join(out)
        self[w] = v
        return v


# ---------------------------------------------------------------- sentences


class Segmenter:
    def __init__(self, d):
        self.d = d

    def document(self, text):
        """Sentences of a text as (start, end, line_end) in code points, in
        a list per paragraph (blank-line separated): lines are joined into
        blocks unless a blank line separates them or a line ends a sentence
        and the next one does not wrap it."""
        out = []
        blocks = []
        paras = []  # each paragraph's sentences
        prev_end, prev_pos, prev_terminal = -1, 0, False
        pos = 0
        for line in text.split("\n"):
            ls = line.lstrip(SPACECHARS)
            s = pos + len(line) - len(ls)
            e = s + len(ls.rstrip(SPACECHARS))
            if s == e:
                if blocks:
                    out = []
                    for b in blocks:
                        self.split(text, b[0], b[1], out)
                    paras.append(out)
                blocks = []
                prev_end = -1
            else:
                if prev_end >= 0 and not prev_terminal and (is_lower(text[s]) or prev_end - prev_pos >= 60):
                    blocks[-1][1] = e
                else:
                    blocks.append([s, e])
                prev_end, prev_pos = e, pos
                prev_terminal = ends_sentence(text[s:e])
            pos += len(line) + 1
        if blocks:
            out = []
            for b in blocks:
                self.split(text, b[0], b[1], out)
            paras.append(out)
        return paras

    def split(self, text, lo, hi, out):
        start = lo
        for m in TERM_RE.finditer(text, lo, hi):
            i = m.start()
            r = text[i]
            j = CLOSERS_RE.match(text, i + 1, hi).end()
            if r in "。！？":
                self.emit(text, start, j, False, out)
                start = j
                continue
            if j < hi:
                c = text[j]
                if c not in " \t\n\r" and not ("\x80" <= c <= "\xbf"):
                    continue
            k = SP_MATCH.match(text, j, hi).end()
            if k >= hi:
                break
            if not starts_sentence(text[k]):
                continue
            if r == "." and self.abbreviation_before(text, lo, i):
                continue
            self.emit(text, start, j, False, out)
            start = k
        self.emit(text, start, hi, True, out)

    def abbreviation_before(self, text, lo, i):
        j = i
        while j > lo and (text[j - 1].isalpha() or text[j - 1] == "."):
            j -= 1
        w = text[j:i]
        if w == "":
            return False
        if w in self.d.abbrev or "." in w:
            return True
        return len(w) == 1 and _cat(w) == "Lu"

    def emit(self, text, s, e, line_end, out):
        s, e = trim(text, s, e)
        max_len = self.d.max_sentence
        # The limit is in bytes of UTF-8, as in Go.
        while e - s > max_len // 4 and len(text[s:e].encode()) > max_len:
            enc = text[s:e].encode()
            cut = s + len(enc[:max_len].decode("utf-8", "ignore"))
            sp = text.rfind(" ", s, cut)
            if sp >= 0 and len(text[s:sp].encode()) > max_len // 2:
                cut = sp
            ps, pe = trim(text, s, cut)
            if pe > ps:
                out.append((ps, pe, False))
            s, _ = trim(text, cut, e)
        if e > s:
            out.append((s, e, line_end))


def trim(text, s, e):
    while s < e and text[s] in SPACECHARS:
        s += 1
    while e > s and text[e - 1] in SPACECHARS:
        e -= 1
    return s, e


def collapse(s):
    return " ".join(p for p in SP_RUN.split(s) if p)


# ---------------------------------------------------------------- coding


# Sentences before and after a sentence, in its paragraph, that lend it
# context (contextWindow in internal/extract/worker.go).
CONTEXT_WINDOW = 2


class Coder:
    def __init__(self, d, require_context=False):
        self.d = d
        self.require_context = require_context
        self.cache = SymbolCache(d)
        self.seg = Segmenter(d)
        self.sentences = 0

    def document(self, text):
        """Statements of one speech: (start, end, theme, stance, confidence, cues, sentence)."""
        d = self.d
        cache = self.cache
        word_re, tok_re = word_regexes(text)
        out = []
        for para in self.seg.document(text):
            # A speech's sentence is coded only when it, or one within
            # CONTEXT_WINDOW of it in its paragraph, speaks of cyberspace.
            info = []
            for s, e, line_end in para:
                sent = text[s:e]
                words = word_re.findall(sent)
                syms = " ".join(map(cache.__getitem__, words))
                padded = " " + syms + " "
                ctx = bool(words) and (d.any_context is not None and d.any_context.search(padded) is not None
                                       or any(w[:5].lower() == "cyber" or w[:7].lower() == "digital" for w in words))
                info.append((s, e, line_end, sent, words, syms, padded, ctx))
            for i, (s, e, line_end, sent, words, syms, padded, ctx) in enumerate(info):
                if len(words) == 0:
                    continue
                n = syms.count(" ") + 1
                if n < d.min_words or line_end and n < d.heading_words and not ends_sentence(sent):
                    continue
                self.sentences += 1
                if not d.any_theme.search(padded):
                    continue
                near = any(x[7] for x in info[max(0, i - CONTEXT_WINDOW):i + CONTEXT_WINDOW + 1])
                if not near or self.require_context and not ctx:
                    continue
                self.code(text, s, e, sent, tok_re, out, ctx)
        return out

    def code(self, text, s, e, sent, tok_re, out, ctx):
        d = self.d
        K, TH, POL = d.kind, d.theme, d.pol
        # Tokens: words with their clause numbers, marks.
        wstart, wend, syms, weak, strong = [], [], [], [], []
        wk = sg = 0
        cache = self.cache
        for m in tok_re.finditer(sent):
            g = m.lastindex
            if g == 1:
                w = m.group(1)
                if w == "but" or w == "But":
                    wk += 1
                a, b = m.start() + s, m.end() + s
                v = cache[w]
                if " " in v:  # a negative contraction: two words
                    n = contraction(w)
                    v1, v2 = v.split(" ")
                    syms += (v1, v2)
                    wstart += (a, a + n)
                    wend += (a + n, b)
                    weak += (wk, wk)
                    strong += (sg, sg)
                else:
                    syms.append(v)
                    wstart.append(a)
                    wend.append(b)
                    weak.append(wk)
                    strong.append(sg)
            elif g == 3:
                wk += 1
                sg += 1
            else:
                wk += 1
        # Every phrase match, overlapping ones included, ordered as the
        # automaton reports them: by last word, longest first, then by
        # phrase number.
        pos = {}
        p = 0
        for i, x in enumerate(syms):
            pos[p] = i
            p += len(x) + 1
        padded = " " + " ".join(syms) + " "
        found = []
        for n, rx, table in d.len_res:
            for m in rx.finditer(padded):
                wi = pos[m.start()]
                for pat in table[m.group(1)]:
                    found.append((wi + n - 1, -n, pat, wi))
        found.sort()
        ms = [(pat, first, last) for last, _, pat, first in found]

        has_theme = has_context = False
        for pat, _, _ in ms:
            k = K[pat]
            if k in THEME_KINDS:
                has_theme = True
            elif k == CONTEXT:
                has_context = True
        if not has_theme or self.require_context and not has_context:
            return
        scope, reach = d.scope, d.reach
        negs, general = [], []
        hedge = intens = False
        for m in ms:
            k = K[m[0]]
            if k == NEGATOR:
                inside = False
                for o in ms:
                    if K[o[0]] != NEGATOR and o[1] <= m[1] and o[2] >= m[2] and o[2] - o[1] > m[2] - m[1]:
                        inside = True
                        break
                if not inside:
                    negs.append(m)
            elif k in (SUPPORT, OPPOSE, REDUCE):
                general.append(m)
            elif k == HEDGE:
                hedge = True

        def negated(first):
            c = 0
            for g in negs:
                if g[2] < first and first - g[2] <= scope and weak[g[2]] == weak[first]:
                    c += 1
            return c % 2 == 1

        for m in ms:
            if K[m[0]] == INTENS and not negated(m[1]):
                intens = True

        results = []
        for ti in range(len(d.themes)):
            hits, excl = [], []
            for m in ms:
                if TH[m[0]] != ti:
                    continue
                if K[m[0]] == EXCLUDE:
                    excl.append(m)
                else:
                    hits.append(m)
            if not hits:
                continue
            kept = []
            for i, h in enumerate(hits):
                drop = False
                for x in excl:
                    if x[1] <= h[1] and x[2] >= h[2]:
                        drop = True
                for j, o in enumerate(hits):
                    if j == i or o[1] > h[1] or o[2] < h[2]:
                        continue
                    lo_, lh = o[2] - o[1], h[2] - h[1]
                    ro, rh = RANK[K[o[0]]], RANK[K[h[0]]]
                    if lo_ > lh or lo_ == lh and (ro > rh or ro == rh and j < i):
                        drop = True
                if not drop:
                    kept.append(h)
            if not kept:
                continue
            score = strong_score = 0
            cues = []
            governs = pole = False
            for h in kept:
                hp, hf, hl = h
                best, best_d = -1, math.inf
                for gi, g in enumerate(general):
                    gp, gf, gl = g
                    if any(gf <= o[2] and gl >= o[1] for o in kept) or strong[gf] != strong[hf]:
                        continue
                    if gl < hf:
                        dd = hf - gl
                    else:
                        if K[gp] == REDUCE:
                            continue
                        dd = gf - hl + reach
                    if dd <= 2 * reach and dd < best_d and (gl < hf and dd <= reach or gl >= hf and dd - reach <= reach):
                        best, best_d = gi, dd
                gpol, gneg = 0, False
                if best >= 0:
                    g = general[best]
                    gpol = POL[g[0]]
                    gneg = negated(g[1])
                    if gneg:
                        gpol = -gpol
                    governs = True
                v = 0
                k = K[hp]
                if k == POLE:
                    v = POL[hp]
                    pole = True
                    if best >= 0 and general[best][2] < hf:
                        if gpol < 0:
                            v = -v
                    else:
                        if negated(hf):
                            v = -v
                        if gpol < 0:
                            v = -v
                elif k == PROBLEM:
                    pole = True
                    if best >= 0 and gneg:
                        v = -1
                    elif best >= 0:
                        v = 1
                    elif negated(hf):
                        v = -1
                elif k == KEYWORD:
                    v = gpol
                score += v
                if k != KEYWORD:
                    strong_score += v
                mark = " (+)" if v > 0 else " (-)" if v < 0 else ""
                cues.append(collapse(text[wstart[hf]:wend[hl]]).lower() + mark)
            results.append((ti, score, strong_score, cues, governs, pole))
        if not ctx:
            # lent context by a neighbour: only pole cues and problem terms
            results = [r for r in results if r[5]]
        if not results:
            return
        sentence = collapse(sent)
        for ti, score, strong_score, cues, governs, pole in results:
            stance = 1 if score > 0 else -1 if score < 0 else 0
            if stance != 0 and not hedge and (intens or strong_score * stance >= 2):
                stance *= 2
            conf = 0.35
            if pole:
                conf += 0.2
            if governs:
                conf += 0.1
            if stance == 0:
                conf -= 0.05
            if hedge:
                conf -= 0.1
            conf += 0.2  # the speaker comes from the row (metadata)
            conf = math.floor(min(0.95, max(0.05, conf)) * 100 + 0.5) / 100
            out.append((s, e, d.themes[ti], stance, conf, ", ".join(cues), sentence))


# ---------------------------------------------------------------- actors


def name_key(s):
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join("'" if c in "’‘`" else c for c in s if _cat(c) != "Mn" and c != ".")
    return " ".join(s.split())


def read_actors(path):
    ids, keys = set(), {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            ids.add(row["id"])
            for k in [row["id"], row["name"]] + [a for a in (row.get("aliases") or "").split("|")]:
                if k.strip():
                    keys[name_key(k)] = row["id"]
    return ids, keys


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--text-col", default="text")
    ap.add_argument("--actor-col", default="country")
    ap.add_argument("--date-col", default="year")
    ap.add_argument("--require-context", action="store_true")
    ap.add_argument("--codebook", default=os.path.join(REPO, "data", "sample", "codebook.yaml"))
    ap.add_argument("--rules", default=os.path.join(REPO, "internal", "extract", "rules.yaml"))
    ap.add_argument("--actors", default=os.path.join(REPO, "data", "sample", "actors.csv"))
    a = ap.parse_args()

    t0 = time.perf_counter()
    d = Dictionary(a.codebook, a.rules)
    coder = Coder(d, a.require_context)
    ids, keys = read_actors(a.actors)
    csv.field_size_limit(1 << 30)
    opener = gzip.open if a.corpus.endswith(".gz") else open
    base = os.path.basename(a.corpus)
    docs = skipped = statements = 0
    with opener(a.corpus, "rt", encoding="utf-8", newline="") as f, \
            open(a.output, "w", encoding="utf-8", newline="") as fo:
        w = csv.writer(fo, lineterminator="\n")
        w.writerow(["row", "start", "end", "actor", "date", "theme", "stance", "confidence", "cues", "text"])
        rd = csv.reader(f)
        header = [h.strip().lstrip("\ufeff").lower() for h in next(rd)]
        ti, ai, di = header.index(a.text_col), header.index(a.actor_col), header.index(a.date_col)
        line = 2  # the line where the next row starts (Go's csv.Reader.FieldPos)
        for rec in rd:
            if not rec:
                line += 1
                continue
            row = line
            nl = 0
            for i, v in enumerate(rec):
                if "\r" in v:
                    v = v.replace("\r\n", "\n")
                    rec[i] = v
                nl += v.count("\n")
            line += 1 + nl
            text = rec[ti]
            raw = rec[ai]
            actor = raw if raw in ids else keys.get(name_key(raw), "")
            date = rec[di].strip()
            if not actor or not re.fullmatch(r"\d{4}", date) or not text.strip(SPACECHARS):
                skipped += 1
                continue
            docs += 1
            for s, e, theme, stance, conf, cues, sentence in coder.document(text):
                w.writerow([row, s, e, actor, date, theme, stance, repr(conf), cues, sentence])
                statements += 1
    el = time.perf_counter() - t0
    print("coding.py: %d statements from %d documents (%d sentences) in %.1f s%s" % (
        statements, docs, coder.sentences, el, " (skipped %d rows)" % skipped if skipped else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
