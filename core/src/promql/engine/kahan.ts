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
