/**
 * The raw-network report equals NetworkX's on real networks (three Topology Zoo files in
 * test/fixtures/topologyzoo, see the README there): articulation points, bridges and
 * biconnected components, on the whole network and with its busiest node failed.
 *
 * Multigraph semantics: NetworkX lists blocks and bridges as node pairs, so parallel links
 * are compared as their node pair; a pair of parallel links is not a bridge in either.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { biconnectedComponents } from '../src/graph/biconnectedComponents.js';
import { blockCutTree } from '../src/graph/blockCutTree.js';
import { failElements } from '../src/engine/failElements.js';
import { networkReport } from '../src/engine/networkReport.js';
import { buildProjection, type Projection } from '../src/engine/projection.js';
import type { StoredObject } from '../src/timeline/Estate.js';

const fixtures = ['Dfn', 'Colt', 'Interoute'];
const script = new URL('../scripts/engine_reference.py', import.meta.url).pathname;

const probe = spawnSync('python3', ['-c', 'import networkx'], { encoding: 'utf8' });
const skip = probe.status === 0 ? false : 'python3 with networkx is not available';
if (skip) console.log(`# SKIP engine.networkx: ${skip}; the comparison with NetworkX did not run`);

interface Network {
  nodes: string[];
  /** [source, target] in file order; null for a skipped self-loop, so that k stays the file index. */
  edges: ([string, string] | null)[];
}

/** Just the node ids and the edge list of a GraphML file: all this test needs. */
function readEdgeList(file: string): Network {
  const text = readFileSync(new URL(`fixtures/topologyzoo/${file}.graphml`, import.meta.url), 'utf8');
  const attr = (tag: string, name: string): string => {
    const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
    if (!m) throw new Error(`${file}: no ${name} in ${tag}`);
    return m[1]!;
  };
  const nodes = [...text.matchAll(/<node\b[^>]*>/g)].map((m) => attr(m[0], 'id'));
  const edges = [...text.matchAll(/<edge\b[^>]*>/g)].map((m): [string, string] | null => {
    const s = attr(m[0], 'source');
    const t = attr(m[0], 'target');
    return s === t ? null : [s, t];
  });
  return { nodes, edges };
}

/** The estate an import makes of it: site `n<id>` per node, link `e<k>` per edge. */
function projectionOf(net: Network): Projection {
  const objects: object[] = net.nodes.map((id) => ({ kind: 'site', id: `n${id}`, name: id, type: 'node' }));
  net.edges.forEach((e, k) => {
    if (e) objects.push({ kind: 'link', id: `e${k}`, a: `n${e[0]}`, b: `n${e[1]}`, type: 'fibre' });
  });
  return buildProjection(objects as StoredObject[]);
}

interface Reference {
  articulationPoints: string[];
  bridges: [string, string][];
  blockEdges: [string, string][][];
  blockNodes: string[][];
}

function networkx(net: Network, remove: string[]): Reference {
  const input = JSON.stringify({ nodes: net.nodes, edges: net.edges.filter((e) => e !== null), remove });
  const r = spawnSync('python3', [script, 'check'], { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`networkx failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Reference;
}

const pairKey = (u: string, v: string): string => (u < v ? `${u}|${v}` : `${v}|${u}`);
const blockKey = (pairs: string[]): string => [...new Set(pairs)].sort().join(' ');
const sorted = (xs: string[]): string[] => [...xs].sort();

describe('the raw-network report equals NetworkX 3 on Topology Zoo networks', { skip }, () => {
  for (const name of fixtures) {
    test(name, () => {
      const net = readEdgeList(name);
      const p = projectionOf(net);
      const raw = (nodeId: string): string => nodeId.slice(1);
      const linkPair = (linkId: string): string => {
        const e = p.edgeIndex.get(linkId)!;
        return pairKey(raw(p.nodeIds[p.edgeA[e]!]!), raw(p.nodeIds[p.edgeB[e]!]!));
      };
      // The busiest node: failing it changes the answer the most.
      let busiest = 0;
      for (let v = 1; v < p.nodeCount; v++) if (p.offsets[v + 1]! - p.offsets[v]! > p.offsets[busiest + 1]! - p.offsets[busiest]!) busiest = v;

      for (const remove of [[], [raw(p.nodeIds[busiest]!)]]) {
        const what = `${name}${remove.length ? ` without node ${remove[0]}` : ''}`;
        const { mask } = failElements(p, remove.map((id) => `n${id}`));
        const ours = networkReport(p, { failed: mask });
        const ref = networkx(net, remove);
        assert.ok(ours.biconnectedComponents.length > 0, `${what}: a non-trivial network`);
        assert.deepEqual(sorted(ours.articulationPoints.map(raw)), sorted(ref.articulationPoints), `${what}: articulation points`);
        assert.deepEqual(sorted(ours.bridges.map(linkPair)), sorted(ref.bridges.map(([u, v]) => pairKey(u, v))), `${what}: bridges`);
        assert.deepEqual(
          sorted(ours.biconnectedComponents.map((block) => blockKey(block.map(linkPair)))),
          sorted(ref.blockEdges.map((block) => blockKey(block.map(([u, v]) => pairKey(u, v))))),
          `${what}: biconnected components (edges)`,
        );
        const tree = blockCutTree(p, biconnectedComponents(p, { failed: mask }));
        const blockNodes: string[] = [];
        for (let b = 0; b < tree.blockCount; b++)
          blockNodes.push(Array.from(tree.blockNodes.members.subarray(tree.blockNodes.offsets[b]!, tree.blockNodes.offsets[b + 1]!), (v) => raw(p.nodeIds[v]!)).sort().join(' '));
        assert.deepEqual(sorted(blockNodes), sorted(ref.blockNodes.map((ns) => sorted(ns).join(' '))), `${what}: biconnected components (nodes)`);
      }
    });
  }

  test('the fixtures have what they were chosen for', () => {
    const interoute = readEdgeList('Interoute');
    assert.ok(interoute.edges.some((e) => e === null), 'Interoute has self-loops');
    for (const name of ['Colt', 'Interoute']) {
      const keys = readEdgeList(name).edges.flatMap((e) => (e ? [pairKey(e[0], e[1])] : []));
      assert.ok(new Set(keys).size < keys.length, `${name} has parallel links`);
    }
  });
});
