/**
 * The engine's graph algorithms against hand-drawn cases and a brute-force oracle on
 * thousands of random small multigraphs with failure masks.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { biconnectedComponents, type BiconnectedComponents } from '../src/graph/biconnectedComponents.js';
import { blockCutTree } from '../src/graph/blockCutTree.js';
import { connectedComponents } from '../src/graph/connectedComponents.js';
import { buildCsr, type CsrGraph } from '../src/graph/CsrGraph.js';
import { twoEdgeConnectedComponents } from '../src/graph/twoEdgeConnectedComponents.js';
import {
  canonical,
  labels,
  oracleArticulationPoints,
  oracleBlocks,
  oracleBridges,
  oracleTwoEdge,
  type OracleGraph,
} from './helpers/graphOracle.js';

function csrOf(nodes: number, edges: readonly (readonly [number, number])[]): CsrGraph {
  return buildCsr(nodes, Int32Array.from(edges, (e) => e[0]), Int32Array.from(edges, (e) => e[1]));
}

function maskOf(size: number, dead: ReadonlySet<number> | undefined): Uint8Array | undefined {
  if (!dead) return undefined;
  const m = new Uint8Array(size);
  for (const i of dead) m[i] = 1;
  return m;
}

function blocksOf(bcc: BiconnectedComponents): number[][] {
  const out: number[][] = [];
  for (let b = 0; b < bcc.blockCount; b++) out.push([...bcc.blockEdges.subarray(bcc.blockOffsets[b]!, bcc.blockOffsets[b + 1]!)].sort((x, y) => x - y));
  return out.sort((x, y) => x[0]! - y[0]!);
}

function analyse(g: OracleGraph) {
  const csr = csrOf(g.nodes, g.edges);
  const failed = { nodes: maskOf(g.nodes, g.deadNodes), edges: maskOf(g.edges.length, g.deadEdges) };
  const bcc = biconnectedComponents(csr, { failed });
  return { csr, failed, bcc };
}

describe('hand-drawn graphs', () => {
  test('two triangles joined by a bridge', () => {
    /*
     *   0 ----- 1           4 ----- 5
     *    \ e0  /             \ e5  /
     *  e2 \   / e1         e6 \   / e4
     *       2 ------ e3 ------ 3
     */
    const { bcc } = analyse({
      nodes: 6,
      edges: [[0, 1], [1, 2], [2, 0], [2, 3], [5, 3], [4, 5], [3, 4]],
    });
    assert.deepEqual([...bcc.articulationPoints], [2, 3]);
    assert.deepEqual([...bcc.bridges], [3]);
    assert.deepEqual(blocksOf(bcc), [[0, 1, 2], [3], [4, 5, 6]]);
  });

  test('two parallel links are no bridge; the single one is', () => {
    /*
     *       e0
     *   0 ====== 1 ------ 2
     *       e1       e2
     */
    const { bcc } = analyse({ nodes: 3, edges: [[0, 1], [1, 0], [1, 2]] });
    assert.deepEqual([...bcc.articulationPoints], [1]);
    assert.deepEqual([...bcc.bridges], [2]);
    assert.deepEqual(blocksOf(bcc), [[0, 1], [2]]);
  });

  test('a failed link turns a ring into a path', () => {
    /*
     *   0 ---x--- 1        e0 (0-1) failed
     *   |         |
     *  e3         e1
     *   |         |
     *   3 ------- 2
     *       e2
     */
    const { bcc } = analyse({ nodes: 4, edges: [[0, 1], [1, 2], [2, 3], [3, 0]], deadEdges: new Set([0]) });
    assert.deepEqual([...bcc.articulationPoints], [2, 3]);
    assert.deepEqual([...bcc.bridges], [1, 2, 3]);
    assert.equal(bcc.edgeBlock[0], -1, 'a failed edge is in no block');
  });

  test('a failed hub leaves isolated nodes, in no block', () => {
    /*
     *        1
     *        |
     *   2 -- X -- 3        node 0 (X) failed
     *        |
     *        4
     */
    const { csr, failed, bcc } = analyse({ nodes: 5, edges: [[0, 1], [0, 2], [0, 3], [0, 4]], deadNodes: new Set([0]) });
    assert.equal(bcc.blockCount, 0);
    assert.equal(bcc.articulationPoints.length, 0);
    const cc = connectedComponents(csr, { failed });
    assert.equal(cc.count, 4);
    assert.equal(cc.component[0], -1);
  });

  test('a bowtie: the shared node is the only cut, both rings are blocks', () => {
    /*
     *   1         3
     *   | \     / |
     *   |   0     |      e0 0-1, e1 1-2, e2 2-0, e3 0-3, e4 3-4, e5 4-0
     *   | /     \ |
     *   2         4
     */
    const { csr, bcc } = analyse({ nodes: 5, edges: [[0, 1], [1, 2], [2, 0], [0, 3], [3, 4], [4, 0]] });
    assert.deepEqual([...bcc.articulationPoints], [0]);
    assert.equal(bcc.bridges.length, 0);
    assert.deepEqual(blocksOf(bcc), [[0, 1, 2], [3, 4, 5]]);
    const tree = blockCutTree(csr, bcc);
    assert.deepEqual([...tree.cutNodes], [0]);
    assert.equal(tree.nodeBlock[0], -1);
    assert.equal(tree.nodeBlock[1], tree.nodeBlock[2]);
    assert.notEqual(tree.nodeBlock[1], tree.nodeBlock[3]);
    assert.equal(tree.adjacency.offsets[tree.blockCount + 1]! - tree.adjacency.offsets[tree.blockCount]!, 2, 'the cut touches both blocks');
    const two = twoEdgeConnectedComponents(csr);
    assert.equal(two.count, 1, 'no bridge: one 2-edge-connected class');
  });

  test('a path of a million nodes: no stack overflow, every link a bridge', () => {
    // 0 — 1 — 2 — … — 999999: depth 10^6, which a recursive search could not reach.
    const n = 1_000_000;
    const a = new Int32Array(n - 1).map((_, i) => i);
    const b = new Int32Array(n - 1).map((_, i) => i + 1);
    const bcc = biconnectedComponents(buildCsr(n, a, b));
    assert.equal(bcc.bridges.length, n - 1);
    assert.equal(bcc.articulationPoints.length, n - 2);
    assert.equal(bcc.blockCount, n - 1);
  });

  test('self-loops and out-of-range endpoints are refused', () => {
    assert.throws(() => csrOf(2, [[1, 1]]), /self-loop/);
    assert.throws(() => csrOf(2, [[0, 2]]), /out of range/);
    assert.throws(() => biconnectedComponents(csrOf(2, [[0, 1]]), { failed: { nodes: new Uint8Array(3) } }), /mask/);
  });
});

/** Small random multigraphs (parallel edges are likely) with about a tenth of elements failed. */
const graphs = fc.integer({ min: 1, max: 9 }).chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    edges:
      nodes < 2
        ? fc.constant<[number, number][]>([])
        : fc.array(
            fc.tuple(fc.nat(nodes - 1), fc.nat(nodes - 2)).map(([a, b]): [number, number] => [a, b >= a ? b + 1 : b]),
            { maxLength: 3 * nodes },
          ),
    failNodes: fc.array(fc.nat(9), { minLength: nodes, maxLength: nodes }),
    failEdges: fc.array(fc.nat(9), { minLength: 3 * nodes, maxLength: 3 * nodes }),
    masked: fc.boolean(),
  }).map(({ nodes, edges, failNodes, failEdges, masked }): OracleGraph => {
    if (!masked) return { nodes, edges };
    const deadNodes = new Set(failNodes.flatMap((x, v) => (x === 0 ? [v] : [])));
    const deadEdges = new Set(edges.flatMap((_, e) => (failEdges[e] === 0 ? [e] : [])));
    return { nodes, edges, deadNodes, deadEdges };
  }),
);

describe('against the brute-force oracle on random multigraphs', () => {
  const runs = { numRuns: 3000, seed: 20200101 };

  test('articulation points, bridges and blocks', () => {
    fc.assert(
      fc.property(graphs, (g) => {
        const { bcc } = analyse(g);
        assert.deepEqual([...bcc.articulationPoints], oracleArticulationPoints(g));
        assert.deepEqual([...bcc.bridges], oracleBridges(g));
        assert.deepEqual(blocksOf(bcc), oracleBlocks(g));
        for (let b = 0; b < bcc.blockCount; b++)
          for (let i = bcc.blockOffsets[b]!; i < bcc.blockOffsets[b + 1]!; i++) assert.equal(bcc.edgeBlock[bcc.blockEdges[i]!], b);
      }),
      runs,
    );
  });

  test('connected and 2-edge-connected components', () => {
    fc.assert(
      fc.property(graphs, (g) => {
        const { csr, failed } = analyse(g);
        assert.deepEqual(canonical(connectedComponents(csr, { failed }).component), canonical(labels(g)));
        assert.deepEqual(canonical(twoEdgeConnectedComponents(csr, { failed }).component), canonical(oracleTwoEdge(g)));
      }),
      runs,
    );
  });

  test('block-cut tree: a node separates two others iff it is a cut on their tree path', () => {
    fc.assert(
      fc.property(graphs, (g) => {
        const { csr, bcc } = analyse(g);
        const tree = blockCutTree(csr, bcc);
        const vertices = tree.blockCount + tree.cutNodes.length;
        const base = labels(g);
        const vertexOf = (v: number): number => (tree.nodeCut[v]! >= 0 ? tree.blockCount + tree.nodeCut[v]! : tree.nodeBlock[v]!);
        // A forest: tree edges = vertices − trees.
        const treeEdges = tree.adjacency.members.length / 2;
        const trees = new Set(Array.from({ length: g.nodes }, (_, v) => (vertexOf(v) >= 0 ? base[v] : -1)).filter((c) => c! >= 0)).size;
        assert.equal(treeEdges, vertices - trees);
        for (let x = 0; x < g.nodes; x++) {
          if (base[x]! < 0) continue;
          const without = labels(g, x);
          for (let u = 0; u < g.nodes; u++)
            for (let w = u + 1; w < g.nodes; w++) {
              if (u === x || w === x || base[u]! < 0 || base[u] !== base[w]) continue;
              const separated = without[u] !== without[w];
              const onPath = tree.nodeCut[x]! >= 0 && treePath(tree.adjacency, vertices, vertexOf(u), vertexOf(w)).includes(tree.blockCount + tree.nodeCut[x]!);
              assert.equal(onPath, separated, `node ${x} between ${u} and ${w}`);
            }
        }
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});

/** The vertices on the tree path from s to t (both included), by BFS parents. */
function treePath(adj: { offsets: Int32Array; members: Int32Array }, vertices: number, s: number, t: number): number[] {
  const parent = new Int32Array(vertices).fill(-2);
  parent[s] = -1;
  const queue = [s];
  while (queue.length) {
    const v = queue.shift()!;
    for (let i = adj.offsets[v]!; i < adj.offsets[v + 1]!; i++) {
      const w = adj.members[i]!;
      if (parent[w] === -2) (parent[w] = v), queue.push(w);
    }
  }
  const path: number[] = [];
  for (let v = t; v !== -1; v = parent[v]!) {
    if (v === -2) throw new Error('not in one tree');
    path.push(v);
  }
  return path;
}
