/** Functions applied to every sample's value; the result drops the metric name. */
export const MATH_FUNCTIONS: Record<string, (f: number) => number> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sin: Math.sin, cos: Math.cos, tan: Math.tan,
  asin: Math.asin, acos: Math.acos, atan: Math.atan,
  sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh,
  asinh: Math.asinh, acosh: Math.acosh, atanh: Math.atanh,
  deg: (f) => (f * 180) / Math.PI,
  rad: (f) => (f * Math.PI) / 180,
  sgn: (f) => (f > 0 ? 1 : f < 0 ? -1 : f),
};

/** Date parts of a Unix time in seconds, in UTC, as Go's time package gives them. */
export const DATE_FUNCTIONS: Record<string, (d: Date) => number> = {
  day_of_month: (d) => d.getUTCDate(),
  day_of_week: (d) => d.getUTCDay(),
  day_of_year: (d) => {
    const start = Date.UTC(d.getUTCFullYear(), 0, 1);
    return Math.floor((d.getTime() - start) / 86_400_000) + 1;
  },
  days_in_month: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  month: (d) => d.getUTCMonth() + 1,
  year: (d) => d.getUTCFullYear(),
};

/** round(v, to_nearest): ties go up, as Prometheus does. */
export function roundTo(f: number, toNearest: number): number {
  const inv = 1 / toNearest;
  return Math.floor(f * inv + 0.5) / inv;
}
