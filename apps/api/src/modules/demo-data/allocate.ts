/**
 * Splits an integer total over items in proportion to their weights, each share kept within
 * [min, max]: the largest-remainder method after water-filling the bounds. The seeds give totals
 * (872 grids, 1,100 grid workers) that a per-item rounding would miss by a few.
 */
export function allocateByWeight(
  total: number,
  weights: readonly number[],
  bounds: { min?: number | readonly number[]; max?: number | readonly number[] } = {},
): number[] {
  const n = weights.length;
  const minOf = (i: number) => (typeof bounds.min === 'object' ? bounds.min[i]! : (bounds.min ?? 0));
  const maxOf = (i: number) => (typeof bounds.max === 'object' ? bounds.max[i]! : (bounds.max ?? Number.POSITIVE_INFINITY));
  let minSum = 0;
  let maxSum = 0;
  for (let i = 0; i < n; i++) {
    if (!(weights[i]! >= 0)) throw new RangeError(`weight ${i} must be a non-negative number`);
    if (minOf(i) > maxOf(i)) throw new RangeError(`item ${i}: min exceeds max`);
    minSum += minOf(i);
    maxSum += maxOf(i);
  }
  if (!Number.isInteger(total) || total < minSum || total > maxSum) {
    throw new RangeError(`cannot split ${total} over ${n} items within their bounds (${minSum}–${maxSum})`);
  }

  // Find the scale λ with Σ clamp(λ·wᵢ, minᵢ, maxᵢ) = total by bisection; the sum is monotone in λ.
  const clamped = (lambda: number) => weights.map((w, i) => Math.min(maxOf(i), Math.max(minOf(i), lambda * w)));
  const sumAt = (lambda: number) => clamped(lambda).reduce((s, q) => s + q, 0);
  let lo = 0;
  let hi = 1;
  while (sumAt(hi) < total && hi < 1e15) hi *= 2;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (sumAt(mid) < total) lo = mid;
    else hi = mid;
  }
  const quotas = clamped(hi);

  const shares = quotas.map((q, i) => Math.max(minOf(i), Math.min(maxOf(i), Math.floor(q))));
  let left = total - shares.reduce((s, v) => s + v, 0);
  // Hand out what rounding down left over, largest fractional part first; ties go to the earlier item.
  const order = quotas.map((q, i) => ({ i, frac: q - Math.floor(q) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  while (left > 0) {
    let gave = false;
    for (const { i } of order) {
      if (left === 0) break;
      if (shares[i]! < maxOf(i)) {
        shares[i]! += 1;
        left -= 1;
        gave = true;
      }
    }
    if (!gave) break;
  }
  // Bisection tolerance can overshoot by a unit; take it back from the smallest fractional parts.
  for (const { i } of [...order].reverse()) {
    if (left >= 0) break;
    if (shares[i]! > minOf(i)) {
      shares[i]! -= 1;
      left += 1;
    }
  }
  return shares;
}
