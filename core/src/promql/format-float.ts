/**
 * Go's strconv.FormatFloat(v, fmt, -1, 64): the shortest digits that round
 * trip (JavaScript finds the same digits), laid out as Go lays them out.
 * 'f' never uses an exponent; 'e' always does (`1e+06`); 'auto' is what the
 * Prometheus API writes: 'e' when |v| < 1e-6 or |v| >= 1e21, else 'f'.
 */
export function formatGoFloat(v: number, fmt: 'f' | 'e' | 'auto' = 'auto'): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? (fmt === 'e' ? '-0e+00' : '-0') : fmt === 'e' ? '0e+00' : '0';
  const neg = v < 0;
  const [mant, expStr] = Math.abs(v).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  let mode = fmt;
  if (mode === 'auto') mode = Math.abs(v) < 1e-6 || Math.abs(v) >= 1e21 ? 'e' : 'f';
  let out: string;
  if (mode === 'e') {
    const frac = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    out = `${frac}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = digits + '0'.repeat(exp + 1 - digits.length);
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return neg ? `-${out}` : out;
}
