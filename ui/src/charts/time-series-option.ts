// Builds the ECharts option for a time series chart. Pure, so it is tested without
// a canvas. Large results (many points) switch to the settings that keep frames
// short: no symbols, no animation, LTTB down-sampling to the pixel width, and a
// tooltip that lists only the series nearest the value under the cursor.

import type { ChartSeries } from './series.js';
import { colorAt, type ChartInk } from './palette.js';
import { escapeHtml, formatTime, formatValue, type Unit } from './format.js';
import { decimateMinMax } from './decimate.js';
import { zone } from '../time/zone.js';

export interface TimeSeriesOptions {
  stacked?: boolean;
  kind?: 'line' | 'bar';
  unit?: Unit;
  /** Series names hidden through the legend. */
  hidden?: ReadonlySet<string>;
  /** Explicit x range so every panel of a dashboard lines up. */
  startMs?: number;
  endMs?: number;
  /** Most series rows a tooltip lists before "and N more". */
  tooltipRows?: number;
  /** Read when the tooltip opens, so legend toggles need no rebuild. */
  isHidden?: (name: string) => boolean;
  /** Plot width in pixels; large series are decimated to it before drawing. */
  widthPx?: number;
}

/** Above this many points the chart uses the large-data settings. */
export const LARGE_DATA_POINTS = 20_000;

/** Index of the sample nearest to `t` in time-sorted data (binary search). */
export function nearestIndex(data: [number, number | null][], t: number): number {
  let lo = 0;
  let hi = data.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (data[mid]![0] < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(data[lo - 1]![0] - t) <= Math.abs(data[lo]![0] - t)) return lo - 1;
  return lo;
}

export interface TooltipRow { name: string; color: string; value: number }

/**
 * The rows of the shared tooltip at time `t`: every visible series' nearest
 * sample within `maxGapMs`, largest first. ECharts' own axis tooltip lists only
 * series with a point at exactly the snapped time, which down-sampled series
 * rarely share, so the rows are looked up here in the full data.
 */
export function tooltipRows(series: ChartSeries[], t: number, maxGapMs: number, isHidden: (name: string) => boolean): TooltipRow[] {
  const rows: TooltipRow[] = [];
  series.forEach((s, i) => {
    if (isHidden(s.name)) return;
    const k = nearestIndex(s.data, t);
    const p = k >= 0 ? s.data[k] : undefined;
    if (p && p[1] !== null && Math.abs(p[0] - t) <= maxGapMs) rows.push({ name: s.name, color: colorAt(i), value: p[1] });
  });
  return rows.sort((a, b) => b.value - a.value);
}

export function tooltipHtml(t: number, rows: TooltipRow[], unit: Unit, maxRows: number): string {
  if (rows.length === 0) return '';
  const shown = rows.slice(0, maxRows);
  let html = `<div class="tt-time">${escapeHtml(formatTime(t))}</div>`;
  for (const r of shown) {
    html += `<div class="tt-row"><span class="tt-dot" style="background:${r.color}"></span><span class="tt-name">${escapeHtml(r.name)}</span><b class="tt-val">${escapeHtml(formatValue(r.value, unit))}</b></div>`;
  }
  if (rows.length > shown.length) html += `<div class="tt-more">and ${rows.length - shown.length} more</div>`;
  return html;
}

/** Typical spacing of samples, so the tooltip does not reach across a gap. */
function typicalStepMs(series: ChartSeries[]): number {
  for (const s of series) if (s.data.length > 1) return (s.data[s.data.length - 1]![0] - s.data[0]![0]) / (s.data.length - 1);
  return 60_000;
}

export function buildTimeSeriesOption(series: ChartSeries[], ink: ChartInk, opts: TimeSeriesOptions = {}): Record<string, unknown> {
  const total = series.reduce((n, s) => n + s.data.length, 0);
  const large = total > LARGE_DATA_POINTS;
  const unit = opts.unit ?? 'short';
  const kind = opts.kind ?? 'line';
  const maxGapMs = typicalStepMs(series) * 1.5;
  // Min/max per two-pixel bucket for lines; bars keep ECharts' own large mode.
  const decimate = kind === 'line' && (opts.widthPx ?? 0) > 0;
  const buckets = Math.max(1, Math.ceil((opts.widthPx ?? 0) / 2));
  const selected: Record<string, boolean> = {};
  for (const s of series) selected[s.name] = !opts.hidden?.has(s.name);
  return {
    useUTC: zone.utc,
    animation: !large,
    color: series.map((_, i) => colorAt(i)),
    grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
    legend: { show: false, selected, data: series.map((s) => s.name) },
    tooltip: {
      trigger: 'axis',
      confine: true,
      appendToBody: false,
      transitionDuration: 0,
      backgroundColor: ink.surface,
      borderColor: ink.border,
      textStyle: { color: ink.text, fontSize: 12 },
      // Its own canvas layer (zlevel 1): moving the crosshair then repaints
      // only that layer, not every series.
      axisPointer: { type: 'line', animation: false, lineStyle: { color: ink.axis }, zlevel: 1 },
      formatter: (params: unknown) => {
        const first = (params as { axisValue?: number; value?: [number, unknown] }[])[0];
        const t = Number(first?.axisValue ?? first?.value?.[0]);
        if (!Number.isFinite(t)) return '';
        return tooltipHtml(t, tooltipRows(series, t, maxGapMs, opts.isHidden ?? ((n) => opts.hidden?.has(n) ?? false)), unit, opts.tooltipRows ?? 12);
      },
    },
    xAxis: {
      type: 'time',
      min: opts.startMs,
      max: opts.endMs,
      axisLine: { lineStyle: { color: ink.axis } },
      axisLabel: { color: ink.muted, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      scale: !opts.stacked,
      axisLabel: { color: ink.muted, formatter: (v: number) => formatValue(v, unit) },
      splitLine: { lineStyle: { color: ink.grid } },
    },
    series: series.map((s) => ({
      name: s.name,
      type: kind,
      data: large && decimate ? decimateMinMax(s.data, buckets, opts.startMs, opts.endMs) : s.data,
      stack: opts.stacked ? 'total' : undefined,
      // Dots only where there are few samples: a lone sample has no line to show it.
      showSymbol: !large && s.data.length <= 60,
      symbolSize: 4,
      connectNulls: false,
      sampling: large && !decimate ? 'lttb' : undefined,
      large: kind === 'bar' && large,
      barMaxWidth: 24,
      lineStyle: { width: large ? 1 : 1.5 },
      areaStyle: opts.stacked ? { opacity: 0.35 } : undefined,
      emphasis: { disabled: large, focus: large ? 'none' : 'series' },
      progressive: large ? 5000 : 0,
      z: 2,
    })),
  };
}
