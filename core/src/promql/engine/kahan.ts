/** One step of Neumaier-improved Kahan summation, as Prometheus sums floats. */
export function kahanSumInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (!Number.isFinite(t) && !Number.isNaN(t)) {
    c = 0;
  } else if (Math.abs(sum) >= Math.abs(inc)) {
    c += sum - t + inc;
  } else {
    c += inc - t + sum;
  }
  return [t, c];
}

/** A running Kahan sum: `value` plus the compensation `kahan`. */
export interface KahanSum {
  value: number;
  kahan: number;
}

/** kahanSumInc applied to `acc` in place: aggregations call it once per sample, so it allocates nothing. */
export function kahanAdd(acc: KahanSum, inc: number): void {
  const sum = acc.value;
  const t = sum + inc;
  if (!Number.isFinite(t) && !Number.isNaN(t)) acc.kahan = 0;
  else if (Math.abs(sum) >= Math.abs(inc)) acc.kahan += sum - t + inc;
  else acc.kahan += inc - t + sum;
  acc.value = t;
}
