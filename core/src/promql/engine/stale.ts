/**
 * The Prometheus staleness marker: a NaN with the bit pattern
 * 0x7ff0000000000002. It is an ordinary NaN to arithmetic, so it must be
 * recognised by its bits, before any arithmetic touches it.
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export const STALE_NAN: number = (() => {
  u32[LITTLE_ENDIAN ? 1 : 0] = 0x7ff00000;
  u32[LITTLE_ENDIAN ? 0 : 1] = 0x00000002;
  return f64[0]!;
})();

export function isStaleNaN(v: number): boolean {
  if (v === v) return false;
  f64[0] = v;
  return u32[LITTLE_ENDIAN ? 1 : 0] === 0x7ff00000 && u32[LITTLE_ENDIAN ? 0 : 1] === 0x00000002;
}
