#!/usr/bin/env python3
"""Reference results and timings for Verbund's graph engine, from NetworkX (and igraph).

Two modes, both reading what the Node side wrote:

  engine_reference.py check < graph.json
      graph.json = {"nodes": [...ids], "edges": [[u, v], ...], "remove": [...ids]}
      Prints NetworkX's articulation points, bridges and biconnected components (as node
      pairs and node sets) of the MultiGraph minus the removed nodes, as JSON.

  engine_reference.py time manifest.json
      manifest.json = [{"name", "nodes", "edges", "file", "repeat"}, ...]; each file holds
      the edge list as little-endian int32 pairs. For each graph, prints one JSON line with
      the median time in ms of articulation points + bridges + biconnected components for
      NetworkX and (if importable) igraph. Graph construction is not timed: only the
      algorithm calls are, as for Verbund.
"""
import json
import statistics
import sys
import time
from array import array

import networkx as nx

try:
    import igraph
except ImportError:  # the bench reports igraph as skipped
    igraph = None


def multigraph(nodes, edges):
    g = nx.MultiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return g


def check():
    data = json.load(sys.stdin)
    g = multigraph(data["nodes"], [tuple(e) for e in data["edges"]])
    g.remove_nodes_from(data.get("remove", []))
    result = {
        "articulationPoints": list(nx.articulation_points(g)),
        "bridges": [list(e) for e in nx.bridges(g)],
        "blockEdges": [[list(e) for e in block] for block in nx.biconnected_component_edges(g)],
        "blockNodes": [list(block) for block in nx.biconnected_components(g)],
    }
    json.dump(result, sys.stdout)


def run_networkx(g):
    aps = list(nx.articulation_points(g))
    brs = list(nx.bridges(g))
    blocks = list(nx.biconnected_component_edges(g))
    return len(aps), len(brs), len(blocks)


def run_igraph(g):
    aps = g.articulation_points()
    brs = g.bridges()
    blocks = g.biconnected_components()
    return len(aps), len(brs), len(blocks)


def timed(fn, g, repeat):
    times = []
    counts = None
    for _ in range(repeat):
        t = time.perf_counter()
        counts = fn(g)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), counts


def time_all(manifest_path):
    with open(manifest_path) as f:
        manifest = json.load(f)
    for item in manifest:
        flat = array("i")
        with open(item["file"], "rb") as f:
            flat.frombytes(f.read())
        if sys.byteorder != "little":
            flat.byteswap()
        pairs = list(zip(flat[0::2], flat[1::2]))
        simple = len(set((min(a, b), max(a, b)) for a, b in pairs)) == len(pairs)
        # A plain Graph when there are no parallel edges: NetworkX's fastest path.
        g = nx.Graph() if simple else nx.MultiGraph()
        g.add_nodes_from(range(item["nodes"]))
        g.add_edges_from(pairs)
        repeat = item.get("repeat", 1)
        out = {"name": item["name"]}
        out["networkx_ms"], out["networkx_counts"] = timed(run_networkx, g, repeat)
        del g
        if igraph is not None:
            ig = igraph.Graph(n=item["nodes"], edges=pairs)
            out["igraph_ms"], out["igraph_counts"] = timed(run_igraph, ig, repeat)
            del ig
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "check":
        check()
    elif len(sys.argv) >= 3 and sys.argv[1] == "time":
        time_all(sys.argv[2])
    else:
        sys.exit(__doc__)
