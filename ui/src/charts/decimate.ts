// Min/max ("M4") decimation for line charts: per pixel-wide bucket keep the
// first, smallest, largest and last sample. The drawn line is the same as with
// every sample (each bucket spans at most a pixel or two), peaks included, with
// a few thousand points per series instead of tens of thousands. The tooltip
// still reads the full data.

export type Point = [number, number | null];

/**
 * Returns `data` itself when it already has at most 4 points per bucket.
 * Null samples (gaps) are kept in place so lines still break where data is missing.
 */
export function decimateMinMax(data: Point[], buckets: number, startMs?: number, endMs?: number): Point[] {
  if (buckets < 1 || data.length <= buckets * 4) return data;
  const t0 = startMs ?? data[0]![0];
  const t1 = endMs ?? data[data.length - 1]![0];
  const span = t1 - t0 || 1;
  const out: Point[] = [];
  let bucket = -1;
  let first = -1;
  let last = -1;
  let min = -1;
  let max = -1;
  const flush = (): void => {
    if (first < 0) return;
    const keep = [...new Set([first, min, max, last])].sort((a, b) => a - b);
    for (const i of keep) out.push(data[i]!);
    first = last = min = max = -1;
  };
  for (let i = 0; i < data.length; i++) {
    const p = data[i]!;
    const v = p[1];
    if (v === null) {
      flush();
      out.push(p);
      bucket = -1;
      continue;
    }
    const b = Math.min(buckets - 1, Math.max(0, Math.floor(((p[0] - t0) / span) * buckets)));
    if (b !== bucket) {
      flush();
      bucket = b;
      first = min = max = i;
    }
    last = i;
    if (v < (data[min]![1] as number)) min = i;
    if (v > (data[max]![1] as number)) max = i;
  }
  flush();
  return out;
}
