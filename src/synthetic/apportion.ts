/**
 * Shares a whole number out in proportion to weights (largest remainder method), so that
 * the parts add up to the total exactly: how the generator hits its target counts.
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const floor = Math.min(min, Math.floor(total / n));
  const rest = Math.max(0, total - floor * n);
  const sum = weights.reduce((s, w) => s + w, 0) || 1;
  const exact = weights.map((w) => (rest * w) / sum);
  const out = exact.map((x) => floor + Math.floor(x));
  let left = total - out.reduce((s, x) => s + x, 0);
  // Hand out what is left to the largest remainders; ties go to the earlier index.
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0 && k < order.length; k++, left--) out[order[k]![1]]! += 1;
  return out;
}
