/**
 * Minimal cut sets of a service's local model by witness branching (see availability.ts,
 * step 2).
 */
import type { LocalModel } from './LocalModel.js';

/** The minimal cut sets of one local model, as element lists, with the work done. */
export interface Enumeration {
  /** Minimal cut sets by order: `cuts[k - 1]` holds those of order k, each sorted ascending. */
  readonly cuts: number[][][];
  readonly checks: number;
  readonly truncated: boolean;
}

/**
 * Enumerates the minimal cut sets of order ≤ `maxOrder` of a local model by witness
 * branching (see availability.ts). The model must be up with nothing failed.
 */
export function enumerateCutSets(model: LocalModel, maxOrder: number, limit: number): Enumeration {
  const k = model.elementCount;
  const cuts: number[][][] = [[], [], []];
  let checks = 0;
  const w0 = model.witnessUnder([]);
  if (!w0) throw new Error('enumerateCutSets: the service is down with nothing failed');
  const stop = (): Enumeration => ({ cuts, checks, truncated: true });

  // Order 1: every element hitting the intact witness.
  const single = new Uint8Array(k);
  const one = [0];
  for (const e of w0) {
    if (checks >= limit) return stop();
    checks++;
    one[0] = e;
    if (!model.check(one)) {
      single[e] = 1;
      cuts[0]!.push([e]);
    }
  }
  if (maxOrder < 2) return { cuts, checks, truncated: false };

  // Order 2: for each a of the intact witness, every b of the witness that survives a.
  const pairKey = (a: number, b: number): number => (a < b ? a * k + b : b * k + a);
  const pairSeen = new Set<number>();
  const firsts = Array.from(w0).filter((e) => !single[e]);
  const w1Of = new Map<number, Int32Array>();
  const two = [0, 0];
  for (const a of firsts) {
    const w1 = model.witnessUnder([a])!;
    w1Of.set(a, w1);
    for (const b of w1) {
      // With trigger sets a failed element can still hit a surviving path (as part of a set
      // not yet complete): it is not a new element.
      if (b === a || single[b]) continue;
      const key = pairKey(a, b);
      if (pairSeen.has(key)) continue;
      if (checks >= limit) return stop();
      pairSeen.add(key);
      checks++;
      two[0] = a;
      two[1] = b;
      if (!model.check(two)) {
        cuts[1]!.push(a < b ? [a, b] : [b, a]);
      }
    }
  }
  if (maxOrder < 3) return { cuts, checks, truncated: false };

  // Order 3: for each non-cut pair {a, b} so found, every c of a witness surviving both
  // (any surviving path set serves: the third element of a cut set holding a and b hits
  // them all, so each unordered pair is taken once). A triple reached twice is answered by
  // the cache at no real cost; only triples that needed a search are remembered, so that
  // none is searched twice. Per pair, the cached path sets surviving a and b are found once
  // (`free`); a c hitting all of them needs a search.
  const big = k >= 1 << 17;
  const searched = new Set<number | string>();
  const pairDone = new Set<number>();
  // Each element's partners in cut pairs; only elements in one have a list (a core model
  // has thousands of elements and few pairs).
  const partners = new Map<number, number[]>();
  const none: number[] = [];
  const partnersOf = (x: number): number[] => partners.get(x) ?? none;
  const pair = (x: number, y: number): void => {
    const list = partners.get(x);
    if (list) list.push(y);
    else partners.set(x, [y]);
  };
  for (const [x, y] of cuts[1]! as [number, number][]) (pair(x, y), pair(y, x));
  const markA = new Int32Array(k);
  const markB = new Int32Array(k);
  const free = new Uint32Array(model.cacheWordCount);
  let epoch = 0;
  const three = [0, 0, 0];
  for (const a of firsts) {
    const ea = ++epoch;
    for (const x of partnersOf(a)) markA[x] = ea;
    for (const b of w1Of.get(a)!) {
      if (b === a || single[b] || markA[b] === ea) continue;
      const pk = pairKey(a, b);
      if (pairDone.has(pk)) continue;
      pairDone.add(pk);
      const eb = ++epoch;
      for (const x of partnersOf(b)) markB[x] = eb;
      const w2 = model.witnessUnder([a, b])!;
      let freeVersion = -1;
      for (const c of w2) {
        if (c === a || c === b || single[c] || markA[c] === ea || markB[c] === eb) continue;
        if (checks >= limit) return stop();
        checks++;
        if (freeVersion !== model.cacheVersion) {
          model.cachedAvoiding(a, b, free);
          freeVersion = model.cacheVersion;
        }
        if (model.cachedUpWith(free, c)) continue;
        let x = a;
        let y = b;
        let z = c;
        if (x > y) [x, y] = [y, x];
        if (y > z) [y, z] = [z, y];
        if (x > y) [x, y] = [y, x];
        three[0] = x;
        three[1] = y;
        three[2] = z;
        const key = big ? `${x},${y},${z}` : (x * k + y) * k + z;
        if (searched.has(key)) continue;
        searched.add(key);
        if (!model.searchUp(three, 3)) cuts[2]!.push([x, y, z]);
      }
    }
  }
  return { cuts, checks, truncated: false };
}
