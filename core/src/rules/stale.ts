/** Prometheus' stale marker: a NaN with the exact bit pattern 0x7ff0000000000002. */
export const STALE_NAN: number = (() => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, 0x7ff0000000000002n);
  return view.getFloat64(0);
})();
