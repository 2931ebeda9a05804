// Template variables: where their values come from and how `$name` in a query is
// replaced. Multi-value selections become a regex alternation, for `=~` matchers.

import type { Variable } from './model.js';

export const ALL = '$__all';

export type VariableSource =
  | { kind: 'labelValues'; label: string; selector?: string }
  | { kind: 'labelNames'; selector?: string }
  | { kind: 'custom'; values: string[] };

export function parseVariableQuery(query: string): VariableSource {
  const q = query.trim();
  const lv = /^label_values\(\s*(?:(.+?)\s*,\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/s.exec(q);
  if (lv) return lv[1] ? { kind: 'labelValues', label: lv[2]!, selector: lv[1] } : { kind: 'labelValues', label: lv[2]! };
  const ln = /^label_names\(\s*(.*?)\s*\)$/s.exec(q);
  if (ln) return ln[1] ? { kind: 'labelNames', selector: ln[1] } : { kind: 'labelNames' };
  return { kind: 'custom', values: q.split(',').map((s) => s.trim()).filter(Boolean) };
}

/** Escapes regex metacharacters so a value matches itself inside `=~`. */
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text that replaces a variable in a query. */
export function variableText(selected: string[], options: string[]): string {
  const values = selected.includes(ALL) ? options : selected;
  if (selected.includes(ALL) && values.length === 0) return '.*';
  if (values.length === 1) return escapeRegex(values[0]!);
  if (values.length === 0) return '';
  return `(${values.map(escapeRegex).join('|')})`;
}

export interface BuiltinIntervals { intervalMs: number; rangeMs: number }

function promDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`;
}

/**
 * Replaces `$name`, `${name}`, `${name:format}` and `[[name]]`, plus the built-ins `$__interval`,
 * `$__rate_interval` (four steps, at least 1m: enough samples for rate() at a
 * 15s scrape interval) and `$__range`. Unknown names stay as written so the
 * server's error points at them.
 */
export function interpolate(expr: string, values: Record<string, string>, builtins?: BuiltinIntervals): string {
  const all: Record<string, string> = { ...values };
  if (builtins) {
    all['__interval'] = promDuration(builtins.intervalMs);
    all['__rate_interval'] = promDuration(Math.max(4 * builtins.intervalMs, 60_000));
    all['__range'] = promDuration(builtins.rangeMs);
  }
  // `${name:format}` (Grafana's format suffix, e.g. :regex or :pipe) reads as
  // `${name}`: the regex alternation suits the `=~` matchers such queries use.
  return expr.replace(/\$\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[a-zA-Z]+)?\}|\[\[([a-zA-Z_][a-zA-Z0-9_]*)\]\]|\$([a-zA-Z_][a-zA-Z0-9_]*)/g, (whole, a?: string, b?: string, c?: string) => {
    const name = (a ?? b ?? c)!;
    return name in all ? all[name]! : whole;
  });
}

/** The selection to use when the saved one is missing or no longer offered. */
export function defaultSelection(v: Variable, options: string[]): string[] {
  const kept = (v.current ?? []).filter((c) => c === ALL || options.includes(c));
  if (kept.length > 0) return v.multi ? kept : [kept[0]!];
  if (v.includeAll) return [ALL];
  return options.length > 0 ? [options[0]!] : [];
}
