#!/usr/bin/python3
"""Independent reference values for community.go and louvain.go.

Writes community_expected.json next to this script. The Go tests in
community_test.go read that file and need no Python.

Run with Debian's python3 (networkx 3.6):  /usr/bin/python3 community_reference.py

Graphs:
  karate           Zachary's karate club (1977), the 78 edges networkx
                   ships, unweighted;
  karate_weighted  the same edges weighted by Zachary's interaction counts
                   (networkx's "weight" attribute);
  lfr_250          networkx.generators.community.LFR_benchmark_graph(250,
                   tau1=3, tau2=1.5, mu=0.1, average_degree=5,
                   min_community=20, seed=10) (the example of its docs);
  lfr_1000         LFR_benchmark_graph(1000, tau1=2.5, tau2=1.5, mu=0.3,
                   average_degree=20, max_degree=60, min_community=30,
                   max_community=200, seed=7): denser and less clear;
  lfr_1000_noisy   the same parameters with mu=0.5, seed=7: communities
                   barely there, as in an agreement network without blocs.

For each graph and each resolution gamma listed:
  louvain_q   the best modularity of networkx.community.louvain_communities
              (weight="weight", resolution=gamma, threshold=1e-7) over
              seeds 0..9, and louvain_q_seed0 that of seed 0 alone;
  partitions  named partitions with networkx.community.modularity of each
              (weight="weight", resolution=gamma): the networkx Louvain
              partition of seed 0; for karate the club split ("club"
              attribute: Mr. Hi / Officer); for LFR graphs the planted
              communities; everything in one community; every node alone.
Edges are written once each as [u, v, weight] with u < v.
"""
import json
import os

import networkx as nx
from networkx.algorithms import community as nxc
from networkx.generators.community import LFR_benchmark_graph


def labels_of(parts, n):
    lab = [-1] * n
    for c, p in enumerate(sorted(parts, key=lambda s: min(s))):
        for v in p:
            lab[v] = c
    assert min(lab) >= 0
    return lab


def entry(name, g, gammas, extra):
    n = g.number_of_nodes()
    assert sorted(g.nodes()) == list(range(n))
    edges = []
    for u, v, d in sorted(g.edges(data=True)):
        u, v = min(u, v), max(u, v)
        edges.append([u, v, float(d.get("weight", 1))])
    edges.sort()
    out = {"name": name, "nodes": n, "edges": edges, "runs": []}
    for gamma in gammas:
        qs = []
        part0 = None
        for seed in range(10):
            p = nxc.louvain_communities(g, weight="weight", resolution=gamma, threshold=1e-7, seed=seed)
            if seed == 0:
                part0 = p
            qs.append(nxc.modularity(g, p, weight="weight", resolution=gamma))
        parts = {"networkx_louvain_seed0": part0, "one": [set(range(n))], "singletons": [{v} for v in range(n)]}
        parts.update(extra)
        run = {"gamma": gamma, "louvain_q": max(qs), "louvain_q_seed0": qs[0], "partitions": []}
        for pname, p in parts.items():
            run["partitions"].append({
                "name": pname,
                "labels": labels_of(p, n),
                "q": nxc.modularity(g, p, weight="weight", resolution=gamma),
            })
        out["runs"].append(run)
    return out


def unweighted(g):
    h = nx.Graph()
    h.add_nodes_from(g.nodes())
    h.add_edges_from(g.edges())
    return h


def planted(g):
    seen = set()
    parts = []
    for v in g.nodes():
        c = frozenset(g.nodes[v]["community"])
        if c not in seen:
            seen.add(c)
            parts.append(set(c))
    return parts


def lfr(n, **kw):
    g = LFR_benchmark_graph(n, **kw)
    g.remove_edges_from(nx.selfloop_edges(g))
    parts = planted(g)
    return unweighted(g), parts


def main():
    graphs = []
    k = nx.karate_club_graph()
    assert k.number_of_edges() == 78
    club = [{v for v in k if k.nodes[v]["club"] == "Mr. Hi"}, {v for v in k if k.nodes[v]["club"] != "Mr. Hi"}]
    graphs.append(entry("karate", unweighted(k), [1.0, 0.5, 2.0], {"club": club}))
    graphs.append(entry("karate_weighted", k, [1.0], {"club": club}))
    g, p = lfr(250, tau1=3, tau2=1.5, mu=0.1, average_degree=5, min_community=20, seed=10)
    graphs.append(entry("lfr_250", g, [1.0], {"planted": p}))
    g, p = lfr(1000, tau1=2.5, tau2=1.5, mu=0.3, average_degree=20, max_degree=60,
               min_community=30, max_community=200, seed=7)
    graphs.append(entry("lfr_1000", g, [1.0], {"planted": p}))
    g, p = lfr(1000, tau1=2.5, tau2=1.5, mu=0.5, average_degree=20, max_degree=60,
               min_community=30, max_community=200, seed=7)
    graphs.append(entry("lfr_1000_noisy", g, [1.0], {"planted": p}))
    doc = {"networkx": nx.__version__, "graphs": graphs}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "community_expected.json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    for gr in graphs:
        for r in gr["runs"]:
            print(gr["name"], gr["nodes"], len(gr["edges"]), r["gamma"], round(r["louvain_q"], 6), round(r["louvain_q_seed0"], 6))


main()
