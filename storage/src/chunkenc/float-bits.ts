/**
 * Float64 ↔ two uint32 halves without allocating. NaN payloads (the stale
 * marker 0x7ff0000000000002 among them) pass through typed arrays unchanged,
 * which is why values never go through arithmetic on their way to the bits.
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = littleEndian ? 0 : 1;
const HI = littleEndian ? 1 : 0;

/** Loads `v` into the scratch; read the halves with hiBits()/loBits(). */
export function loadFloat(v: number): void {
  f64[0] = v;
}
export function hiBits(): number {
  return u32[HI]!;
}
export function loBits(): number {
  return u32[LO]!;
}
export function floatFromBits(hi: number, lo: number): number {
  u32[HI] = hi;
  u32[LO] = lo;
  return f64[0]!;
}

/** The Prometheus stale marker, a signalling NaN with bits 0x7ff0000000000002. */
export const STALE_NAN_HI = 0x7ff00000;
export const STALE_NAN_LO = 0x00000002;
export const STALE_NAN = floatFromBits(STALE_NAN_HI, STALE_NAN_LO);

/** True only for the exact stale-marker bit pattern (ordinary NaN is false). */
export function isStaleNaN(v: number): boolean {
  f64[0] = v;
  return u32[HI] === STALE_NAN_HI && u32[LO] === STALE_NAN_LO;
}

export function clz64(hi: number, lo: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

function ctz32(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

export function ctz64(hi: number, lo: number): number {
  return lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
}
