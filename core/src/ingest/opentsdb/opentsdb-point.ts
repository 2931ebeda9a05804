import type { Label } from '@panoptes/storage';

/**
 * OpenTSDB data points and how they become Prometheus samples.
 *
 * Name rule (a Panoptes choice, COMPATIBILITY.md §8.3): every character of a
 * metric name outside `[a-zA-Z0-9_:]` becomes `_` (`sys.cpu.user` →
 * `sys_cpu_user`, `disk-io/read` → `disk_io_read`), and a leading digit gets
 * a `_` prefix. Tag keys the same way with `[a-zA-Z0-9_]`; a tag key that
 * would start with `__` (reserved) gets the prefix `tag`. Tag values stay as
 * they are. The names then work in PromQL and Grafana without quoting. No
 * job or instance label is added.
 */
export function openTsdbMetricName(metric: string): string {
  const s = metric.replace(/[^a-zA-Z0-9_:]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

export function openTsdbTagKey(key: string): string {
  let s = key.replace(/[^a-zA-Z0-9_]/g, '_');
  if (/^[0-9]/.test(s)) s = `_${s}`;
  if (s.startsWith('__')) s = `tag${s}`;
  return s;
}

/** Go-like `0xFFFFFFFF00000000`: a timestamp with any of these bits set is in milliseconds. */
const SECOND_LIMIT = 0xffffffff;

/**
 * OpenTSDB's timestamp rules (PutDataPointRpc, TSDB.addPoint): seconds or
 * milliseconds, decided by magnitude; a `.` is removed, so
 * `1356998400.123` means ms `1356998400123`; milliseconds must have at most
 * 13 digits; zero and negatives are invalid. Returns ms or an error.
 */
export function parseOpenTsdbTimestamp(raw: string | number): number | string {
  let text = typeof raw === 'number' ? (Number.isInteger(raw) ? String(raw) : raw.toFixed(3)) : raw.trim();
  const hadDot = text.includes('.');
  if (hadDot) text = text.replace('.', '');
  if (!/^\d+$/.test(text)) return `invalid timestamp ${JSON.stringify(String(raw))}`;
  const n = Number(text);
  if (n <= 0) return `invalid timestamp ${JSON.stringify(String(raw))}: must be greater than 0`;
  if (hadDot || n > SECOND_LIMIT) {
    if (n > 9_999_999_999_999) return `invalid timestamp ${JSON.stringify(String(raw))}: milliseconds have at most 13 digits`;
    return n;
  }
  return n * 1000;
}

/** A value: an integer or a finite float, given as a number or a numeric string. */
export function parseOpenTsdbValue(raw: unknown): number | string {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : `invalid value ${raw}: must be finite`;
  if (typeof raw !== 'string' || raw.trim() === '') return 'empty value';
  const text = raw.trim();
  if (!/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/.test(text)) return `unable to parse value ${JSON.stringify(text)} to a number`;
  return Number(text);
}

/** Builds the label set of a point (unsorted; the writer sorts and validates). */
export function openTsdbLabels(metric: string, tags: Readonly<Record<string, string>>): Label[] | string {
  if (metric === '') return 'empty metric name';
  const entries = Object.entries(tags);
  if (entries.length === 0) return 'missing tags: at least one tag is required';
  const labels: Label[] = [{ name: '__name__', value: openTsdbMetricName(metric) }];
  const seen = new Set<string>();
  for (const [k, v] of entries) {
    if (k === '' || typeof v !== 'string' || v === '') return `invalid tag ${JSON.stringify(k)}=${JSON.stringify(v)}: keys and values must be non-empty strings`;
    const name = openTsdbTagKey(k);
    if (seen.has(name)) return `tags ${JSON.stringify(k)} and another tag map to the same label name ${name}`;
    seen.add(name);
    labels.push({ name, value: v });
  }
  return labels;
}

/**
 * Parses a telnet `put` line (without the leading `put`):
 * `<metric> <timestamp> <value> <tagk=tagv> [...]`.
 */
export function parsePutArgs(words: readonly string[]): { labels: Label[]; t: number; v: number } | string {
  if (words.length < 4) return 'illegal argument: not enough arguments (need metric, timestamp, value and at least one tag)';
  const [metric, ts, value, ...tagWords] = words as [string, string, string, ...string[]];
  const tags: Record<string, string> = {};
  for (const w of tagWords) {
    const eq = w.indexOf('=');
    if (eq <= 0 || eq === w.length - 1) return `illegal argument: invalid tag ${JSON.stringify(w)}`;
    const k = w.slice(0, eq);
    if (k in tags) return `illegal argument: duplicate tag ${JSON.stringify(k)}`;
    tags[k] = w.slice(eq + 1);
  }
  const t = parseOpenTsdbTimestamp(ts);
  if (typeof t === 'string') return `illegal argument: ${t}`;
  const v = parseOpenTsdbValue(value);
  if (typeof v === 'string') return `invalid value: ${v}`;
  const labels = openTsdbLabels(metric, tags);
  if (typeof labels === 'string') return `illegal argument: ${labels}`;
  return { labels, t, v };
}
