/**
 * Families of minimal cut sets of order ≤ 3 as sorted number arrays, and the two ways of
 * combining them (docs/availability.md, "Series and parallel"). A cut set is named by one
 * number: its element codes, ascending, as digits in base `base` (each code + 1, so that
 * the empty set is 0). A family holds each of its sets once, none a superset of another,
 * in ascending order of that number: the order in which sums over it are taken, so that
 * equal families give bit-equal sums.
 *
 * For up functions f and g of the element states, with C(·) the minimal cut sets of order
 * ≤ k:
 *
 * - **series**, f ∧ g (both needed): C = the minimal sets of C(f) ∪ C(g);
 * - **parallel**, f ∨ g (either suffices): C = the minimal sets among X ∪ Y, X ∈ C(f),
 *   Y ∈ C(g), |X ∪ Y| ≤ k.
 *
 * Both are exact from the truncated families: a cut set Z of order ≤ k of f ∨ g cuts f and
 * g, so it holds a minimal cut set of each, of order ≤ |Z| ≤ k. The family `[0]` (the empty
 * set) is a function down with nothing failed; `[]` one that no k elements bring down.
 */

/** A family: the numbers of its cut sets, ascending. */
export type CutFamily = Float64Array;

/**
 * Numbers per slab of kept families (64 MiB): above the largest size the C allocator serves
 * from its heaps (32 MiB), so a slab is mapped and unmapped on its own.
 */
const SLAB = 8 * 1024 * 1024;

/** The family of a function that is down with nothing failed. */
export const DOWN: CutFamily = Float64Array.of(0);
/** The family of a function that no set of up to k elements brings down. */
export const NEVER: CutFamily = new Float64Array(0);

/** Arithmetic on cut-set numbers over one numbering of the failure elements. */
export class CutAlgebra {
  /** Largest base for which three digits stay exact in a double (base³ ≤ 2⁵³). */
  static readonly maxBase = 208_063;

  private readonly base2: number;

  /**
   * @param base one more than the largest element code (at most {@link CutAlgebra.maxBase}).
   * @param maxOrder the largest order kept (1 to 3).
   */
  constructor(
    readonly base: number,
    readonly maxOrder: number,
  ) {
    if (base > CutAlgebra.maxBase) throw new RangeError(`CutAlgebra: ${base} elements are more than ${CutAlgebra.maxBase}`);
    this.base2 = base * base;
  }

  /** The slab that {@link keep} fills, and how far. */
  private slab: Float64Array = NEVER;
  private slabAt = 0;

  /**
   * A copy of a family that is kept for long (a part that later services reuse), in a slab
   * of {@link SLAB} numbers shared with other kept families. The many families of a large
   * analysis each in an allocation of its own stay, once freed, with the allocator of the
   * thread that made them (hundreds of megabytes per analysis thread at state scale); a slab
   * is one mapping, given back whole when the analysis is done with it.
   */
  keep(f: CutFamily): CutFamily {
    if (f.length <= 1) return f.length === 0 ? NEVER : f[0] === 0 ? DOWN : f;
    if (this.slabAt + f.length > this.slab.length) {
      this.slab = new Float64Array(Math.max(SLAB, f.length));
      this.slabAt = 0;
    }
    const out = this.slab.subarray(this.slabAt, this.slabAt + f.length);
    out.set(f);
    this.slabAt += f.length;
    return out;
  }

  /** The number of a set of element codes (ascending, distinct). */
  key(codes: ArrayLike<number>): number {
    let k = 0;
    for (let i = codes.length - 1; i >= 0; i--) k = k * this.base + codes[i]! + 1;
    return k;
  }

  /** The order (size) of a set. */
  order(key: number): number {
    return key === 0 ? 0 : key < this.base ? 1 : key < this.base2 ? 2 : 3;
  }

  /** The element codes of a set, ascending, into `out` (length ≥ 3); returns the order. */
  codes(key: number, out: number[] | Int32Array): number {
    // Digits by division, not `%`: on numbers above 2³¹ V8's `%` is a call to fmod.
    const B = this.base;
    let n = 0;
    while (key > 0) {
      const rest = quotient(key, B);
      out[n++] = key - rest * B - 1;
      key = rest;
    }
    return n;
  }

  /** A family from sets given as element-code lists (any order; minimality is restored). */
  family(sets: readonly (readonly number[])[]): CutFamily {
    const keys = sets.filter((s) => s.length <= this.maxOrder).map((s) => this.key([...s].sort((a, b) => a - b)));
    return this.minimal(Float64Array.from(keys).sort());
  }

  /** Series: the minimal sets of the union of the families (f ∧ g ∧ …). */
  series(families: readonly CutFamily[]): CutFamily {
    const live = families.filter((f) => f.length > 0);
    if (live.length === 0) return NEVER;
    if (live.length === 1) return live[0]!;
    // The families are sorted: merged, not sorted again.
    let all = live[0]!;
    for (let i = 1; i < live.length; i++) all = merge(all, live[i]!);
    return this.minimal(all);
  }

  /**
   * Parallel: the minimal unions X ∪ Y of order ≤ maxOrder (f ∨ g). A set in both
   * families is its own union and dominates every other union holding it, so only the
   * sets in one family and not the other are paired.
   */
  parallel(f: CutFamily, g: CutFamily): CutFamily {
    if (f.length === 0 || g.length === 0) return NEVER;
    if (f[0] === 0) return g;
    if (g[0] === 0) return f;
    const common: number[] = [];
    const onlyF: number[] = [];
    const onlyG: number[] = [];
    let i = 0;
    let j = 0;
    while (i < f.length || j < g.length) {
      if (j >= g.length || (i < f.length && f[i]! < g[j]!)) onlyF.push(f[i++]!);
      else if (i >= f.length || g[j]! < f[i]!) onlyG.push(g[j++]!);
      else {
        common.push(f[i]!);
        i++;
        j++;
      }
    }
    const out = common;
    if (onlyF.length && onlyG.length) {
      // Index the smaller side by element and by order; walk the larger.
      const [walk, indexed] = onlyF.length >= onlyG.length ? [onlyF, onlyG] : [onlyG, onlyF];
      const byElement = new Map<number, number[]>();
      const small: number[][] = [[], [], [], []];
      const c = [0, 0, 0];
      for (const y of indexed) {
        const n = this.codes(y, c);
        small[n]!.push(y);
        for (let t = 0; t < n; t++) {
          const list = byElement.get(c[t]!);
          if (list) list.push(y);
          else byElement.set(c[t]!, [y]);
        }
      }
      const members = new Set(indexed);
      const x3 = [0, 0, 0];
      const seen = new Set<number>();
      const B = this.base;
      for (const x of walk) {
        const n = this.codes(x, x3);
        const room = this.maxOrder - n;
        if (room === 0) {
          // Only subsets of x fit: x itself is the union if any of them is in the other family.
          const [p, q, r] = [x3[0]! + 1, x3[1]! + 1, x3[2]! + 1];
          const hit =
            n === 1
              ? members.has(p)
              : n === 2
                ? members.has(p) || members.has(q) || members.has(x)
                : members.has(p) || members.has(q) || members.has(r) || members.has(q * B + p) || members.has(r * B + p) || members.has(r * B + q) || members.has(x);
          if (hit) out.push(x);
          continue;
        }
        seen.clear();
        // Sets sharing an element with x, and sets small enough to fit beside it.
        for (let t = 0; t < n; t++) {
          const list = byElement.get(x3[t]!);
          if (list) for (const y of list) seen.add(y);
        }
        for (let s = 1; s <= room; s++) for (const y of small[s]!) seen.add(y);
        for (const y of seen) {
          const u = this.union(x, y);
          if (u >= 0) out.push(u);
        }
      }
    }
    return this.minimal(Float64Array.from(out).sort());
  }

  private readonly ua = [0, 0, 0];
  private readonly ub = [0, 0, 0];
  private readonly um = [0, 0, 0];

  /** The union of two sets, or -1 when it is larger than maxOrder. */
  union(x: number, y: number): number {
    if (x === y) return x;
    const { ua: a, ub: b, um: m } = this;
    const na = this.codes(x, a);
    const nb = this.codes(y, b);
    let n = 0;
    let i = 0;
    let j = 0;
    while (i < na || j < nb) {
      let v: number;
      if (j >= nb || (i < na && a[i]! < b[j]!)) v = a[i++]!;
      else if (i >= na || b[j]! < a[i]!) v = b[j++]!;
      else {
        v = a[i++]!;
        j++;
      }
      if (n === this.maxOrder) return -1;
      m[n++] = v;
    }
    let k = 0;
    for (let t = n - 1; t >= 0; t--) k = k * this.base + m[t]! + 1;
    return k;
  }

  /** Per element code + 1: `epoch` when it is a set of order 1 of the list {@link minimal} is on. */
  private singles?: Int32Array;
  /** Per element code + 1: `epoch` when it is in a set of order 2 of that list. */
  private paired?: Int32Array;
  private epoch = 0;

  /**
   * The minimal sets of a sorted list (duplicates allowed): a set goes when one of its
   * proper subsets is in the list (the empty set dominates everything). The sets of order 1
   * come first in the list, then those of order 2 (numbers below base²): a set's subsets
   * are looked up among those before it. The result has its own buffer of its exact size
   * (families are kept: a view into a larger buffer would keep all of it).
   */
  minimal(sorted: Float64Array): CutFamily {
    if (sorted.length === 0) return NEVER;
    if (sorted[0] === 0) return DOWN;
    const B = this.base;
    const B2 = this.base2;
    const singles = (this.singles ??= new Int32Array(B));
    const epoch = ++this.epoch;
    // [0, end1): order 1; [end1, end2): order 2.
    let end1 = 0;
    while (end1 < sorted.length && sorted[end1]! < B) singles[sorted[end1++]!] = epoch;
    // A set of order 3 can hold one of order 2 only if two of its elements are in one.
    const paired = (this.paired ??= new Int32Array(B));
    let end2 = end1;
    for (; end2 < sorted.length && sorted[end2]! < B2; end2++) {
      const k = sorted[end2]!;
      const q = quotient(k, B);
      paired[q] = epoch;
      paired[k - q * B] = epoch;
    }
    const out = new Float64Array(sorted.length);
    let n = 0;
    let prev = -1;
    for (let i = 0; i < sorted.length; i++) {
      const k = sorted[i]!;
      if (k === prev) continue;
      prev = k;
      let dominated = false;
      if (k >= B2) {
        const r = quotient(k, B2);
        const rest = k - r * B2;
        const q = quotient(rest, B);
        const p = rest - q * B;
        dominated = singles[p] === epoch || singles[q] === epoch || singles[r] === epoch;
        if (!dominated && end2 > end1) {
          const pp = paired[p] === epoch;
          const pq = paired[q] === epoch;
          const pr = paired[r] === epoch;
          dominated = (pp && pq && has(sorted, end1, end2, q * B + p)) || (pp && pr && has(sorted, end1, end2, r * B + p)) || (pq && pr && has(sorted, end1, end2, r * B + q));
        }
      } else if (k >= B) {
        const q = quotient(k, B);
        dominated = singles[k - q * B] === epoch || singles[q] === epoch;
      }
      if (!dominated) out[n++] = k;
    }
    return n === out.length ? out : out.slice(0, n);
  }
}

/** ⌊x / d⌋ for integers 0 ≤ x < 2⁵³, 0 < d (the division rounds; the remainder checks it). */
function quotient(x: number, d: number): number {
  let q = Math.floor(x / d);
  const r = x - q * d;
  if (r < 0) q--;
  else if (r >= d) q++;
  return q;
}

/** The ascending merge of two ascending lists (duplicates kept). */
function merge(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) out[n++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out;
}

/** Whether `key` is in the ascending `sorted[from, to)`. */
function has(sorted: Float64Array, from: number, to: number, key: number): boolean {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid]!;
    if (x === key) return true;
    if (x < key) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
