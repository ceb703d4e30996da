/**
 * The figures of a service from its minimal cut sets (see availability.ts, step 3): the
 * rare-event estimate, the counts per order and the dominant cut sets. The sets come in one
 * canonical order and each product is taken in ascending element code, so that the same
 * cut sets give bit-equal figures however they were found.
 */
import type { CutSet } from '../contracts/analyses.js';
import { codeUnavailability, elementOfCode, type ModelSource } from './buildModel.js';
import { DEVICE, LINK } from './LocalModel.js';

/** The figures of one service's cut sets. */
export interface CutSetFigures {
  readonly unavailability: number;
  readonly downWithoutFailures: false;
  readonly cutSets: CutSet[];
  readonly cutSetCounts: number[];
}

/**
 * The canonical order of cut sets given as ascending element codes: by order, then by the
 * largest code, the next and the smallest (the order of their numbers in CutAlgebra).
 */
export function canonical(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * A function from cut sets (`count` of them, the i-th as ascending element codes, in
 * canonical order) to their figures, with the `top` most probable as dominant cut sets.
 */
export function cutSetFigures(src: ModelSource, top: number): (count: number, setAt: (i: number) => readonly number[], maxOrder: number) => CutSetFigures {
  const { p } = src;
  const idOf = (code: number): string => {
    const { kind, index } = elementOfCode(p, code);
    return kind === DEVICE ? p.nodeIds[index]! : kind === LINK ? p.edgeIds[index]! : p.riskGroupIds[index]!;
  };
  const unavailability = new Map<number, number>();
  const uOf = (code: number): number => {
    let u = unavailability.get(code);
    if (u === undefined) unavailability.set(code, (u = codeUnavailability(src, code)));
    return u;
  };
  interface Entry {
    readonly probability: number;
    readonly codes: readonly number[];
    label?: string;
  }
  const label = (x: Entry): string => (x.label ??= x.codes.map(idOf).sort().join(' '));
  // Most probable first; then lower order; then by element ids.
  const before = (x: Entry, y: Entry): number => y.probability - x.probability || x.codes.length - y.codes.length || (label(x) < label(y) ? -1 : 1);
  return (count, setAt, maxOrder) => {
    const counts = new Array<number>(maxOrder).fill(0);
    let sum = 0;
    const best: Entry[] = [];
    for (let i = 0; i < count; i++) {
      const codes = setAt(i);
      let probability = 1;
      for (const c of codes) probability *= uOf(c);
      sum += probability;
      counts[codes.length - 1]!++;
      const entry: Entry = { probability, codes: [...codes] };
      if (best.length < top) best.push(entry);
      else if (before(entry, best[best.length - 1]!) < 0) best[best.length - 1] = entry;
      else continue;
      // Keep `best` sorted: move the new entry up to its place.
      for (let j = best.length - 1; j > 0 && before(best[j]!, best[j - 1]!) < 0; j--) [best[j], best[j - 1]] = [best[j - 1]!, best[j]!];
    }
    return {
      unavailability: Math.min(1, sum),
      downWithoutFailures: false,
      cutSets: best.map((x) => ({ order: x.codes.length, elements: x.codes.map(idOf).sort(), probability: x.probability })),
      cutSetCounts: counts,
    };
  };
}
