/**
 * The Topology Zoo networks for the engine benchmark, as edge lists: node ids and edges
 * from each GraphML file, self-loops skipped (as an import does), parallel edges kept.
 * Only what the algorithms need — the full importer lives in src/interop.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EdgeList } from './regionalNetwork.js';

/** Every `*.graphml` in `dir`, by file name. */
export function readTopologyZoo(dir: string): EdgeList[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphml'))
    .sort()
    .map((f) => readEdgeList(join(dir, f), f.replace(/\.graphml$/, '')));
}

function readEdgeList(file: string, name: string): EdgeList {
  const text = readFileSync(file, 'utf8');
  const attr = (tag: string, key: string): string => {
    const m = new RegExp(`\\b${key}="([^"]*)"`).exec(tag);
    if (!m) throw new Error(`${file}: no ${key} in ${tag}`);
    return m[1]!;
  };
  const index = new Map<string, number>();
  for (const m of text.matchAll(/<node\b[^>]*>/g)) index.set(attr(m[0], 'id'), index.size);
  const a: number[] = [];
  const b: number[] = [];
  for (const m of text.matchAll(/<edge\b[^>]*>/g)) {
    const s = index.get(attr(m[0], 'source'));
    const t = index.get(attr(m[0], 'target'));
    if (s === undefined || t === undefined) throw new Error(`${file}: edge to an unknown node in ${m[0]}`);
    if (s === t) continue;
    a.push(s);
    b.push(t);
  }
  return { name, nodeCount: index.size, edgeA: Int32Array.from(a), edgeB: Int32Array.from(b) };
}
