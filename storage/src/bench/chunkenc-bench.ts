import { decodeChunkInto, encodeBest, encodeXor } from '../chunkenc/index.js';
import { loadWorkload } from './workload.js';

/** Encode/decode speed and bytes per sample of the chunk encodings on the shared workload. */
export async function benchChunkenc(print: (line: string) => void): Promise<void> {
  const w = await loadWorkload(100);
  const n = w.samplesPerSeries;
  const ts = Float64Array.from(w.timestamps);
  const seriesCount = w.series.length;
  const total = seriesCount * n;
  const per = 120;
  let xorBytes = 0;
  let t0 = performance.now();
  const xorChunks: Uint8Array[] = [];
  for (let s = 0; s < seriesCount; s++) {
    const vs = w.values.subarray(s * n, (s + 1) * n);
    for (let c = 0; c < n; c += per) {
      const b = encodeXor(ts, vs, c, Math.min(n, c + per));
      xorChunks.push(b);
      xorBytes += b.length;
    }
  }
  const xorEncodeMs = performance.now() - t0;
  t0 = performance.now();
  let bestBytes = 0;
  const bestChunks: Uint8Array[] = [];
  for (let s = 0; s < seriesCount; s++) {
    const vs = w.values.subarray(s * n, (s + 1) * n);
    const b = encodeBest(ts, vs, 0, n);
    bestChunks.push(b);
    bestBytes += b.length;
  }
  const bestEncodeMs = performance.now() - t0;
  const outT = new Float64Array(65536);
  const outV = new Float64Array(65536);
  t0 = performance.now();
  let decoded = 0;
  for (const c of xorChunks) decoded += decodeChunkInto(c, outT, outV, 0);
  const xorDecodeMs = performance.now() - t0;
  t0 = performance.now();
  for (const c of bestChunks) decoded += decodeChunkInto(c, outT, outV, 0);
  const bestDecodeMs = performance.now() - t0;
  const rate = (ms: number): string => `${((total / ms) * 1000 / 1e6).toFixed(1)}M samples/s`;
  print(`chunkenc: ${seriesCount} series x ${n} samples (${total} samples), decoded ${decoded}`);
  print(`  xor  120-sample chunks: ${(xorBytes / total).toFixed(3)} bytes/sample, encode ${rate(xorEncodeMs)}, decode ${rate(xorDecodeMs)}`);
  print(`  best whole-window chunk: ${(bestBytes / total).toFixed(3)} bytes/sample, encode ${rate(bestEncodeMs)}, decode ${rate(bestDecodeMs)}`);
}
