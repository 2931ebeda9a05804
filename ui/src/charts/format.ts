// Number, label-set and time formatting shared by charts, tables and stats.

import type { Labels } from '../api/types.js';
import { wallClock } from '../time/zone.js';

export function seriesName(metric: Labels): string {
  const { __name__: name, ...rest } = metric;
  const pairs = Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}="${v}"`);
  if (pairs.length === 0) return name ?? '{}';
  return `${name ?? ''}{${pairs.join(', ')}}`;
}

/** Replaces {{label}} in a legend template, the Grafana/Prometheus convention. */
export function applyLegendFormat(template: string | undefined, metric: Labels): string {
  if (!template) return seriesName(metric);
  return template.replace(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, k: string) => metric[k] ?? '');
}

export function parseSampleValue(v: string): number {
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

export type Unit = 'none' | 'percent' | 'percentunit' | 'bytes' | 'seconds' | 'short';
const SI = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
const BYTES = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function trim(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 0.001 || abs >= 1e15)) return n.toExponential(2);
  return Number(n.toPrecision(digits)).toString();
}

export function formatValue(v: number, unit: Unit = 'short'): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  switch (unit) {
    case 'none':
      return String(v);
    case 'percent':
      return `${trim(v)}%`;
    case 'percentunit':
      return `${trim(v * 100)}%`;
    case 'bytes': {
      let i = 0;
      let x = v;
      while (Math.abs(x) >= 1024 && i < BYTES.length - 1) { x /= 1024; i++; }
      return `${trim(x)} ${BYTES[i]}`;
    }
    case 'seconds': {
      const a = Math.abs(v);
      if (a === 0) return '0 s';
      if (a < 1e-3) return `${trim(v * 1e6)} µs`;
      if (a < 1) return `${trim(v * 1e3)} ms`;
      if (a < 60) return `${trim(v)} s`;
      if (a < 3600) return `${trim(v / 60)} min`;
      if (a < 86400) return `${trim(v / 3600)} h`;
      return `${trim(v / 86400)} d`;
    }
    default: {
      let i = 0;
      let x = v;
      while (Math.abs(x) >= 1000 && i < SI.length - 1) { x /= 1000; i++; }
      return `${trim(x)}${SI[i]}`;
    }
  }
}

/** "2026-05-01 12:00:05" in the chosen zone (local or UTC, see time/zone.ts). */
export function formatTime(ms: number, withDate = true): string {
  const c = wallClock(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  const time = `${p(c.hour)}:${p(c.minute)}:${p(c.second)}`;
  return withDate ? `${c.year}-${p(c.month)}-${p(c.day)} ${time}` : time;
}

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
