/**
 * Number and value formatting the way Go's fmt and strconv print them, so
 * templates and API values read byte for byte like Prometheus'. JS's
 * toPrecision keeps trailing zeros and prints one-digit exponents (`1e+6`);
 * Go's `%g` trims zeros and prints at least two exponent digits (`1e+06`).
 */

function goExponent(exp: number): string {
  const sign = exp < 0 ? '-' : '+';
  const digits = String(Math.abs(exp));
  return `e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
}

function special(v: number): string | undefined {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return undefined;
}

function trimFractionZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** Splits toExponential output into mantissa and exponent. */
function splitExp(s: string): [string, number] {
  const i = s.indexOf('e');
  return [s.slice(0, i), Number(s.slice(i + 1))];
}

/**
 * JS rounds an exact tie away from zero (2.25 → "2.3"); Go rounds it to even
 * ("2.2"). A tie shows as a 5 followed only by zeros in a longer expansion,
 * which is exact for doubles that can tie at all (they have few fraction digits).
 */
function isTie(longer: string, keep: number): boolean {
  return /^50*$/.test(longer.slice(keep));
}

/** Rounds a digit string (no sign, no point) down by dropping, used when a tie must go to even. */
function lastDigitOdd(s: string): boolean {
  const d = s.replace(/[^0-9]/g, '');
  return Number(d[d.length - 1]) % 2 === 1;
}

function toFixedGo(v: number, precision: number): string {
  const rounded = v.toFixed(precision);
  if (precision + 25 > 100) return rounded;
  const longer = Math.abs(v).toFixed(precision + 25);
  const point = longer.indexOf('.');
  const kept = precision === 0 ? point : point + 1 + precision;
  if (!isTie(longer.replace('.', ''), kept - (precision === 0 ? 0 : 1))) return rounded;
  const truncated = longer.slice(0, precision === 0 ? point : kept);
  if (lastDigitOdd(truncated)) return rounded; // rounding away from zero reaches the even digit
  return (v < 0 ? '-' : '') + truncated;
}

function toExponentialGo(v: number, fractionDigits: number): string {
  const rounded = v.toExponential(fractionDigits);
  if (fractionDigits + 25 > 100) return rounded;
  const longer = Math.abs(v).toExponential(fractionDigits + 25);
  const [mant, exp] = splitExp(longer);
  const digits = mant.replace('.', '');
  if (!isTie(digits, fractionDigits + 1)) return rounded;
  const keptDigits = digits.slice(0, fractionDigits + 1);
  if (lastDigitOdd(keptDigits)) return rounded;
  const m = fractionDigits === 0 ? keptDigits : `${keptDigits[0]}.${keptDigits.slice(1)}`;
  return `${v < 0 ? '-' : ''}${m}e${exp >= 0 ? '+' : ''}${exp}`;
}

/** Go `%e` with a precision (`%.3e`), or shortest digits when precision is undefined (strconv 'e', -1). */
export function formatE(v: number, precision?: number): string {
  const sp = special(v);
  if (sp !== undefined) return sp;
  const [mant, exp] = splitExp(precision === undefined ? v.toExponential() : toExponentialGo(v, precision));
  return `${mant}${goExponent(exp)}`;
}

/** Go `%f` with a precision (default 6). */
export function formatF(v: number, precision = 6): string {
  const sp = special(v);
  if (sp !== undefined) return sp;
  if (Math.abs(v) >= 1e21) {
    // toFixed switches to exponent notation at 1e21; Go prints every digit.
    return BigInt(Math.round(v)).toString() + (precision > 0 ? `.${'0'.repeat(precision)}` : '');
  }
  return toFixedGo(v, precision);
}

/**
 * Go `%g`: with a precision, that many significant digits; without, the
 * shortest digits that round-trip (strconv 'g', -1, which is also what `%v`
 * and template printing use). Exponent form when the exponent is < -4 or >=
 * the precision, where "shortest" decides with 6, as strconv does.
 */
export function formatG(v: number, precision?: number): string {
  const sp = special(v);
  if (sp !== undefined) return sp;
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const p = precision === undefined ? undefined : Math.max(precision, 1);
  const [digits, exp] = splitExp(p === undefined ? v.toExponential() : toExponentialGo(v, p - 1));
  const eprec = p ?? 6;
  if (exp < -4 || exp >= eprec) return `${trimFractionZeros(digits)}${goExponent(exp)}`;
  const significant = digits.replace(/[-.]/g, '').length;
  return trimFractionZeros(toFixedGo(v, Math.max(0, significant - 1 - exp)));
}
