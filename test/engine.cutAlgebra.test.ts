/**
 * The cut-set algebra of the availability analysis (src/engine/CutAlgebra.ts) against brute
 * force: for random monotone functions given by their minimal cut sets over a few
 * elements, the series and parallel families equal the minimal cut sets of f ∧ g and
 * f ∨ g found by trying every subset.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CutAlgebra, DOWN, NEVER, type CutFamily } from '../src/engine/CutAlgebra.js';

const ELEMENTS = 7;

/** Down under the failed set (a bit mask): some cut set of the family is inside it. */
function downOf(sets: readonly number[][]): (mask: number) => boolean {
  const masks = sets.map((s) => s.reduce((m, e) => m | (1 << e), 0));
  return (mask) => masks.some((c) => (c & mask) === c);
}

/** The minimal cut sets of order ≤ k of a down function, as sorted code lists. */
function brute(down: (mask: number) => boolean, k: number): number[][] {
  const found: number[] = [];
  const all = Array.from({ length: 1 << ELEMENTS }, (_, m) => m).sort((a, b) => popcount(a) - popcount(b) || a - b);
  for (const m of all) {
    if (popcount(m) > k) break;
    if (!down(m) || found.some((c) => (c & m) === c)) continue;
    found.push(m);
  }
  return found.map((m) => Array.from({ length: ELEMENTS }, (_, i) => i).filter((i) => m & (1 << i)));
}

function popcount(m: number): number {
  let n = 0;
  for (; m; m &= m - 1) n++;
  return n;
}

const setsOf = (alg: CutAlgebra, f: CutFamily): string[] =>
  Array.from(f, (key) => {
    const c = [0, 0, 0];
    const n = alg.codes(key, c);
    return c.slice(0, n).join(',');
  }).sort();

const family = fc.array(fc.uniqueArray(fc.nat(ELEMENTS - 1), { minLength: 1, maxLength: 4 }), { maxLength: 8 });

test('series and parallel families equal the minimal cut sets of f ∧ g and f ∨ g', () => {
  let pairs = 0;
  fc.assert(
    fc.property(family, family, fc.constantFrom(1, 2, 3), (fSets, gSets, k) => {
      const alg = new CutAlgebra(ELEMENTS + 1, k);
      const f = alg.family(fSets);
      const g = alg.family(gSets);
      const df = downOf(fSets);
      const dg = downOf(gSets);
      // The families themselves are the truncated minimal cut sets.
      assert.deepEqual(setsOf(alg, f), brute(df, k).map((s) => s.join(',')).sort());
      const and = brute((m) => df(m) || dg(m), k).map((s) => s.join(',')).sort();
      const or = brute((m) => df(m) && dg(m), k).map((s) => s.join(',')).sort();
      assert.deepEqual(setsOf(alg, alg.series([f, g])), and, 'series');
      assert.deepEqual(setsOf(alg, alg.parallel(f, g)), or, 'parallel');
      // Ascending numbers, no duplicates.
      for (const x of [alg.series([f, g]), alg.parallel(f, g)]) for (let i = 1; i < x.length; i++) assert.ok(x[i - 1]! < x[i]!);
      pairs++;
    }),
    { numRuns: 2000, seed: 7 },
  );
  assert.ok(pairs >= 2000);
});

test('the empty set and the empty family: down with nothing failed, and never down', () => {
  const alg = new CutAlgebra(10, 3);
  const f = alg.family([[1], [2, 3]]);
  assert.deepEqual(alg.series([f, DOWN]), DOWN);
  assert.deepEqual(alg.parallel(f, DOWN), f);
  assert.deepEqual(alg.series([f, NEVER]), f);
  assert.deepEqual(alg.parallel(f, NEVER), NEVER);
  assert.deepEqual(alg.family([[]]), DOWN);
  assert.throws(() => new CutAlgebra(CutAlgebra.maxBase + 1, 3), RangeError);
  // Three digits at the largest base stay exact.
  const big = new CutAlgebra(CutAlgebra.maxBase, 3);
  const codes = [CutAlgebra.maxBase - 4, CutAlgebra.maxBase - 3, CutAlgebra.maxBase - 2];
  const out = [0, 0, 0];
  assert.equal(big.codes(big.key(codes), out), 3);
  assert.deepEqual(out, codes);
});

test('at the largest base, numbers decode to their codes and minimal keeps exactly the sets with no subset in the list', () => {
  const B = CutAlgebra.maxBase;
  const alg = new CutAlgebra(B, 3);
  // Codes at both ends of the range, where a rounded division would be off by one digit.
  const pool = [0, 1, 2, 1000, B - 5, B - 4, B - 3, B - 2];
  const set = fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 }).map((s) => s.sort((a, b) => a - b));
  fc.assert(
    fc.property(fc.array(set, { maxLength: 12 }), (sets) => {
      const out = [0, 0, 0];
      for (const s of sets) {
        const n = alg.codes(alg.key(s), out);
        assert.deepEqual(out.slice(0, n), s);
      }
      const keys = Float64Array.from(sets, (s) => alg.key(s)).sort();
      const subsetOf = (a: number[], b: number[]): boolean => a.length < b.length && a.every((x) => b.includes(x));
      const expected = [...new Set(sets.filter((s) => !sets.some((t) => subsetOf(t, s))).map((s) => alg.key(s)))].sort((a, b) => a - b);
      const got = alg.minimal(keys);
      assert.deepEqual(Array.from(got), expected);
      // Its own buffer, of its own size.
      assert.equal(got.buffer.byteLength, got.byteLength);
    }),
    { numRuns: 1000, seed: 11 },
  );
});
