/**
 * Synthetic graphs shaped like regional networks, for the engine benchmark: backbone
 * rings joined to nearby rings by two chords (sometimes one: a bridge), occasional long
 * chords, and access links — spurs (one link to a leaf) and chains of a few nodes, half of
 * them closed back onto their ring (dual-homed). Deterministic for a seed; simple graph
 * (no parallel edges), so every tool runs its plain-graph code path.
 */
import { Random } from '../src/util/Random.js';

/** An edge list over nodes `0 .. nodeCount - 1`. */
export interface EdgeList {
  readonly name: string;
  readonly nodeCount: number;
  readonly edgeA: Int32Array;
  readonly edgeB: Int32Array;
}

/** A regional network with exactly `edges` edges. */
export function regionalNetwork(edges: number, seed = 1): EdgeList {
  const rng = new Random(seed, 'regional-network');
  const a = new Int32Array(edges);
  const b = new Int32Array(edges);
  let m = 0;
  let n = 0;
  const add = (u: number, v: number): boolean => {
    if (m >= edges) return false;
    a[m] = u;
    b[m] = v;
    m++;
    return true;
  };
  const ringStart: number[] = [];
  const ringSize: number[] = [];
  const nodeOfRing = (r: number): number => ringStart[r]! + rng.int(0, ringSize[r]! - 1);

  while (m < edges) {
    const r = ringStart.length;
    const size = rng.int(6, 16);
    const start = n;
    n += size;
    ringStart.push(start);
    ringSize.push(size);
    for (let i = 0; i < size; i++) add(start + i, start + ((i + 1) % size));
    if (r > 0) {
      // Regional: join a ring built shortly before this one.
      const other = r - 1 - rng.int(0, Math.min(r - 1, 20));
      const first = rng.int(0, size - 1);
      add(start + first, nodeOfRing(other));
      if (rng.chance(0.8)) add(start + ((first + 1 + rng.int(0, size - 2)) % size), nodeOfRing(other));
      if (r > 30 && rng.chance(0.1)) add(start + rng.int(0, size - 1), nodeOfRing(rng.int(0, r - 30)));
    }
    for (let i = 0; i < size && m < edges; i++) {
      const at = start + i;
      const x = rng.next();
      if (x < 0.35) {
        add(at, n++);
      } else if (x < 0.6) {
        const length = rng.int(2, 5);
        let prev = at;
        for (let k = 0; k < length; k++) {
          add(prev, n);
          prev = n++;
        }
        if (rng.chance(0.5)) add(prev, start + ((i + 1 + rng.int(0, size - 2)) % size));
      }
    }
  }
  // `add` stops at `edges`: nodes created past that point stay isolated, which is harmless
  // but would count as nodes; trim to the nodes that some edge reaches.
  let top = 0;
  for (let e = 0; e < edges; e++) top = Math.max(top, a[e]!, b[e]!);
  return { name: `regional ${edges.toExponential(0).replace('e+', 'e')}`, nodeCount: top + 1, edgeA: a, edgeB: b };
}
