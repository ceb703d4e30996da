/**
 * The path shape of `disjointPaths` and two small path edits shared by its searches.
 */
/** A path: `nodes[0]` is in `from`, the last node in `to`; link `edges[i]` joins `nodes[i]` and `nodes[i + 1]`. */
export interface Path {
  readonly nodes: readonly number[];
  readonly edges: readonly number[];
}

/** Removes cycles from a walk: keeps the part after the last visit of each repeated node. */
export function dropLoops(path: Path): Path {
  const nodes: number[] = [];
  const edges: number[] = [];
  const at = new Map<number, number>();
  path.nodes.forEach((v, i) => {
    const j = at.get(v);
    if (j !== undefined) {
      for (let k = j + 1; k < nodes.length; k++) at.delete(nodes[k]!);
      nodes.length = j + 1;
      edges.length = j;
      return;
    }
    if (i > 0) edges.push(path.edges[i - 1]!);
    at.set(v, nodes.length);
    nodes.push(v);
  });
  return { nodes, edges };
}

/** Cuts a path to its last start node before its first end node. */
export function trim(path: Path, isTo: Uint8Array, from: readonly number[]): Path {
  let j = path.nodes.findIndex((v) => isTo[v] === 1);
  if (j < 0) j = path.nodes.length - 1;
  const starts = new Set(from);
  let i = 0;
  for (let k = 0; k <= j; k++) if (starts.has(path.nodes[k]!)) i = k;
  if (i === 0 && j === path.nodes.length - 1) return path;
  return { nodes: path.nodes.slice(i, j + 1), edges: path.edges.slice(i, j) };
}
