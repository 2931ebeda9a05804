// Builds the ECharts option for a time series chart. Pure, so it is tested without
// a canvas. Large results (many points) switch to the settings that keep frames
// short: no symbols, no animation, LTTB down-sampling to the pixel width, and a
// tooltip that lists only the series nearest the value under the cursor.

import type { ChartSeries } from './series.js';
import { colorAt, type ChartInk } from './palette.js';
import { escapeHtml, formatTime, formatValue, type Unit } from './format.js';

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
}

/** Above this many points the chart uses the large-data settings. */
export const LARGE_DATA_POINTS = 20_000;

type TooltipParam = { seriesName: string; color: string; value: [number, number | null]; axisValue: number };

export function tooltipHtml(params: TooltipParam[], unit: Unit, maxRows: number): string {
  const rows = params.filter((p) => p.value[1] !== null && p.value[1] !== undefined);
  if (rows.length === 0) return '';
  rows.sort((a, b) => (b.value[1] as number) - (a.value[1] as number));
  const shown = rows.slice(0, maxRows);
  const time = formatTime(rows[0]!.axisValue ?? rows[0]!.value[0]);
  let html = `<div class="tt-time">${escapeHtml(time)}</div>`;
  for (const p of shown) {
    html += `<div class="tt-row"><span class="tt-dot" style="background:${p.color}"></span><span class="tt-name">${escapeHtml(p.seriesName)}</span><b class="tt-val">${escapeHtml(formatValue(p.value[1] as number, unit))}</b></div>`;
  }
  if (rows.length > shown.length) html += `<div class="tt-more">and ${rows.length - shown.length} more</div>`;
  return html;
}

export function buildTimeSeriesOption(series: ChartSeries[], ink: ChartInk, opts: TimeSeriesOptions = {}): Record<string, unknown> {
  const total = series.reduce((n, s) => n + s.data.length, 0);
  const large = total > LARGE_DATA_POINTS;
  const unit = opts.unit ?? 'short';
  const kind = opts.kind ?? 'line';
  const selected: Record<string, boolean> = {};
  for (const s of series) selected[s.name] = !opts.hidden?.has(s.name);
  return {
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
      axisPointer: { type: 'line', animation: false, lineStyle: { color: ink.axis } },
      formatter: (params: unknown) => tooltipHtml(params as TooltipParam[], unit, opts.tooltipRows ?? 12),
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
      data: s.data,
      stack: opts.stacked ? 'total' : undefined,
      showSymbol: false,
      symbolSize: 4,
      connectNulls: false,
      sampling: large ? 'lttb' : undefined,
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
