#!/usr/bin/python3
"""Writes speeches.csv, the small corpus of invented speeches the scale cases read.

Ten countries, 2009-2012 (2009 falls outside the cases' --from 2010), one speech a
year, each made of sentences drawn, from a fixed seed, from two pools: one in the
words of sovereignty and state-led governance, one in the words of an open internet
and human rights. The share drawn from the first pool is the country's lean. The
sentences are the project's own.
"""
import csv
import random

SOVEREIGN = [
    "Each state has sovereignty over the information space within its borders.",
    "Non-interference in internal affairs must guide the governance of networks.",
    "Intergovernmental rules adopted at the United Nations should govern cyberspace.",
    "States must be able to protect social stability and public order online.",
    "We call for a binding code of conduct that respects sovereign equality.",
]
OPEN = [
    "Human rights apply online as they apply offline, including freedom of expression.",
    "An open and interoperable internet is governed by all stakeholders together.",
    "Civil society, companies and engineers share in multistakeholder governance.",
    "The free flow of information supports development and democracy.",
    "We defend journalists and the freedom of the press on every network.",
]
LEAN = {"CHN": 0.9, "RUS": 0.8, "IRN": 0.85, "KAZ": 0.6, "IND": 0.55, "BRA": 0.45, "JPN": 0.3, "DEU": 0.2, "USA": 0.15, "GBR": 0.1}
rng = random.Random(15)
with open("speeches.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["year", "country", "text"])
    for year in range(2009, 2013):
        for c, lean in LEAN.items():
            sents = [rng.choice(SOVEREIGN) if rng.random() < lean else rng.choice(OPEN) for _ in range(12)]
            w.writerow([year, c, " ".join(sents)])
