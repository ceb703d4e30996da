/**
 * The Monte Carlo cross-check of the availability analysis (see availability.ts, step 4):
 * plain sampling with a Wilson interval, or importance sampling with a normal interval.
 */
import type { Random } from '../util/Random.js';
import type { LocalModel } from './LocalModel.js';
// The shapes this file produces are part of the API's contract: declared in src/contracts.
import type { MonteCarloResult } from '../contracts/analyses.js';
export type { MonteCarloResult };

/** Wilson score interval of a binomial proportion at 95 %. */
export function wilsonInterval(successes: number, n: number, z = 1.959964): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const ph = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (ph + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((ph * (1 - ph)) / n + z2 / (4 * n * n))) / denom;
  return { low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half) };
}

/**
 * Monte Carlo estimate of a local model's unavailability: `samples` independent draws of
 * every element's state, and a check for each draw with at least one failure.
 *
 * Draws are exact but cheap: with L(j) = Σ_{i ≤ j} log(1 − q_i), the next failed element
 * after j is the first l with L(l) < L(j) + log(1 − r) for a uniform r (a binary search), so
 * a draw costs O((1 + failures) · log elements) instead of one random number per element.
 *
 * Importance sampling scales every failure probability by one factor so that about two
 * elements fail per draw (each capped at 0.5, never below its true value) and weights each
 * draw by its likelihood ratio: the estimate stays unbiased and sees rare cut sets often.
 */
export function monteCarlo(model: LocalModel, samples: number, rng: Random, importance: boolean, rareEvent: number): MonteCarloResult {
  const k = model.elementCount;
  const u = model.elemU;
  let total = 0;
  for (let j = 0; j < k; j++) total += u[j]!;
  const scale = importance && total > 0 ? Math.max(1, 2 / total) : 1;
  // cum[j + 1] = L(j); the sampling probabilities q and, for importance sampling, the
  // log-likelihood ratio of a draw: logAllUp + Σ over failed j of logDown[j].
  const cum = new Float64Array(k + 1);
  const logDown = new Float64Array(k);
  let logAllUp = 0;
  for (let j = 0; j < k; j++) {
    const uj = u[j]!;
    const qj = scale === 1 ? uj : Math.min(uj * scale, Math.max(0.5, uj));
    cum[j + 1] = cum[j]! + Math.log1p(-qj);
    const up = Math.log1p(-uj) - Math.log1p(-qj);
    logAllUp += up;
    logDown[j] = Math.log(uj / qj) - up;
  }
  const failed = new Int32Array(k);
  let down = 0;
  let sum = 0;
  let sumSq = 0;
  for (let n = 0; n < samples; n++) {
    let f = 0;
    let logW = logAllUp;
    // Position in cum: failures so far are all below `from`.
    let from = 0;
    for (;;) {
      const threshold = cum[from]! + Math.log1p(-rng.next());
      if (!(cum[k]! < threshold)) break;
      // First l ≥ from with cum[l + 1] < threshold.
      let lo = from + 1;
      let hi = k;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! < threshold) hi = mid;
        else lo = mid + 1;
      }
      const j = lo - 1;
      failed[f++] = j;
      logW += logDown[j]!;
      from = j + 1;
    }
    if (f === 0 || model.check(failed, f)) continue;
    down++;
    if (importance) {
      const w = Math.exp(logW);
      sum += w;
      sumSq += w * w;
    }
  }
  let estimate: number;
  let low: number;
  let high: number;
  if (!importance) {
    estimate = down / samples;
    ({ low, high } = wilsonInterval(down, samples));
  } else {
    estimate = sum / samples;
    const variance = samples > 1 ? Math.max(0, (sumSq - samples * estimate * estimate) / (samples - 1)) : 0;
    const half = 1.959964 * Math.sqrt(variance / samples);
    low = Math.max(0, estimate - half);
    high = down === 0 ? 1 : Math.min(1, estimate + half);
  }
  let warning: string | undefined;
  if (down === 0) {
    warning = importance
      ? `no failure in ${samples} importance samples: no conclusion`
      : `no failure in ${samples} samples: the unavailability is below ${fmt(high)} (95 %); about ${rareEvent > 0 ? fmt(Math.ceil(10 / rareEvent)) : 'infinitely many'} samples would show ten failures at the estimated unavailability`;
  } else if (down < 10) {
    warning = `only ${down} failure${down === 1 ? '' : 's'} in ${samples} samples: the interval is wide`;
  }
  return {
    method: importance ? 'importance' : 'plain',
    samples,
    down,
    estimate,
    low,
    high,
    containsEstimate: low <= rareEvent && rareEvent <= high,
    ...(warning !== undefined && { warning }),
  };
}

/** A number for a message: three significant digits, exponential when very large or small. */
function fmt(x: number): string {
  return x >= 1e6 || x < 1e-3 ? x.toExponential(2) : String(Number(x.toPrecision(3)));
}
