// The same XXH64 the PromQL engine uses for limit_ratio: one implementation of Prometheus' label hash.
import { xxhash64 } from '../promql/engine/xxhash64.js';

const encoder = new TextEncoder();

/**
 * The offset of a group's evaluations within its interval, as Prometheus
 * computes it (rules/group.go hash and EvalTimestamp): xxhash64 of the label
 * set {file, name} modulo the interval in nanoseconds. Spreading groups this
 * way avoids every group hitting the engine at the same instant, and matching
 * Prometheus makes the same rule file evaluate at the same wall-clock times.
 */
export function groupOffsetMs(file: string, name: string, intervalMs: number): number {
  const intervalNs = BigInt(intervalMs) * 1_000_000n;
  return Number((xxhash64(labelBytes(file, name)) % intervalNs) / 1_000_000n);
}

/** Label set bytes as labels.Hash sees them; the separator is the raw byte 0xff, not UTF-8 of U+00FF. */
function labelBytes(file: string, name: string): Uint8Array {
  const parts = [encoder.encode('file'), encoder.encode(file), encoder.encode('name'), encoder.encode(name)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
    out[o++] = 0xff;
  }
  return out;
}

/** The latest aligned evaluation time at or before `now` (ms). */
export function alignedEvalTime(now: number, intervalMs: number, offsetMs: number): number {
  const adj = now - offsetMs;
  return adj - (((adj % intervalMs) + intervalMs) % intervalMs) + offsetMs;
}
