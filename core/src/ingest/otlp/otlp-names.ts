/**
 * OTLP metric and attribute names as Prometheus names, following the
 * OpenTelemetry "Prometheus and OpenMetrics compatibility" rules as
 * Prometheus applies them by default (UnderscoreEscapingWithSuffixes):
 * invalid characters become `_`, the unit becomes a suffix (`s` →
 * `_seconds`, `By` → `_bytes`, `1/s` → `_per_second`, `{thing}` dropped),
 * gauges in unit `1` get `_ratio`, monotonic cumulative sums get `_total`.
 */

const UNIT_WORDS: Record<string, string> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '%': 'percent',
};

const PER_UNIT_WORDS: Record<string, string> = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week', mo: 'month', y: 'year' };

function sanitize(s: string): string {
  return s.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/_+/g, '_');
}

/** The Prometheus unit suffix for an OTLP (UCUM) unit, '' when none. */
export function unitSuffix(unit: string): string {
  const u = unit.replace(/\{[^}]*\}/g, '').trim();
  if (u === '' || u === '1') return '';
  const [main = '', per] = u.split('/', 2);
  const words: string[] = [];
  if (main !== '' && main !== '1') words.push(UNIT_WORDS[main] ?? sanitize(main));
  if (per !== undefined && per !== '') words.push(`per_${PER_UNIT_WORDS[per] ?? sanitize(per)}`);
  return words.join('_').replace(/^_+|_+$/g, '');
}

export type OtlpKind = 'gauge' | 'counter' | 'updown' | 'histogram' | 'summary';

/** The Prometheus metric family name for an OTLP metric. */
export function prometheusMetricName(name: string, unit: string, kind: OtlpKind): string {
  let base = sanitize(name).replace(/^_+/, '') || '_';
  if (/^[0-9]/.test(base)) base = `_${base}`;
  const suffix = unitSuffix(unit);
  if (suffix !== '' && !base.endsWith(`_${suffix}`)) base = `${base}_${suffix}`;
  if (kind === 'gauge' && unit.trim() === '1' && !base.endsWith('_ratio')) base = `${base}_ratio`;
  if (kind === 'counter') {
    base = base.replace(/_total$/, '');
    base = `${base}_total`;
  }
  return base;
}

/** An attribute key as a label name: invalid characters to `_`, a leading digit gets `key_`. */
export function prometheusLabelName(key: string): string {
  let s = key.replace(/[^a-zA-Z0-9_]/g, '_');
  if (/^[0-9]/.test(s)) s = `key_${s}`;
  if (s.startsWith('__') && !s.startsWith('___')) s = `key${s}`;
  return s === '' ? 'key_' : s;
}
