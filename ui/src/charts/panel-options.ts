// ECharts options for the dashboard panels other than time series: gauge, bar
// (latest values by series) and heatmap (histogram buckets over time). Pure.

import type { ChartInk } from './palette.js';
import { colorAt } from './palette.js';
import { formatTime, formatValue, type Unit } from './format.js';
import type { ChartSeries } from './series.js';

export interface Threshold { value: number; color: string }

/** The colour of the highest threshold at or below the value. */
export function thresholdColor(value: number, thresholds: Threshold[] | undefined, fallback: string): string {
  if (!thresholds || thresholds.length === 0 || !Number.isFinite(value)) return fallback;
  const sorted = [...thresholds].sort((a, b) => a.value - b.value);
  let color = fallback;
  for (const t of sorted) if (value >= t.value) color = t.color;
  return color;
}

export function gaugeOption(value: number, ink: ChartInk, o: { unit?: Unit; min?: number; max?: number; thresholds?: Threshold[] }): Record<string, unknown> {
  const min = o.min ?? 0;
  const max = o.max ?? (o.unit === 'percent' ? 100 : o.unit === 'percentunit' ? 1 : Math.max(1, Math.ceil(value * 1.25)));
  const span = max - min || 1;
  const stops = (o.thresholds ?? []).slice().sort((a, b) => a.value - b.value);
  const axisColors: [number, string][] = stops.length
    ? stops.map((t, i) => [Math.min(1, Math.max(0, ((stops[i + 1]?.value ?? max) - min) / span)), t.color] as [number, string])
    : [[1, ink.grid]];
  return {
    animation: false,
    series: [{
      type: 'gauge', min, max, radius: '95%', center: ['50%', '58%'], startAngle: 210, endAngle: -30,
      progress: { show: true, width: 12, itemStyle: { color: thresholdColor(value, o.thresholds, colorAt(0)) } },
      axisLine: { lineStyle: { width: 12, color: stops.length ? axisColors : [[1, ink.grid]], opacity: stops.length ? 0.25 : 1 } },
      pointer: { show: false }, axisTick: { show: false }, splitLine: { show: false },
      axisLabel: { show: false },
      anchor: { show: false },
      title: { show: false },
      // No sample (e.g. rate() before a second scrape) reads "No data", not 0.
      detail: { valueAnimation: false, offsetCenter: [0, '10%'], fontSize: Number.isFinite(value) ? 22 : 14, fontWeight: 600, color: Number.isFinite(value) ? ink.text : ink.muted,
        formatter: (v: number) => (Number.isFinite(value) ? formatValue(v, o.unit ?? 'short') : 'No data') },
      data: [{ value: Number.isFinite(value) ? value : min }],
    }],
  };
}

export function barOption(items: { name: string; value: number }[], ink: ChartInk, o: { unit?: Unit; thresholds?: Threshold[] }): Record<string, unknown> {
  const unit = o.unit ?? 'short';
  return {
    animation: false,
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', confine: true, backgroundColor: ink.surface, borderColor: ink.border, textStyle: { color: ink.text, fontSize: 12 },
      valueFormatter: (v: number) => formatValue(v, unit) },
    xAxis: { type: 'value', splitNumber: 3, axisLabel: { color: ink.muted, hideOverlap: true, formatter: (v: number) => formatValue(v, unit) }, splitLine: { lineStyle: { color: ink.grid } } },
    yAxis: { type: 'category', inverse: true, data: items.map((i) => i.name), axisLabel: { color: ink.text, width: 220, overflow: 'truncate' }, axisLine: { lineStyle: { color: ink.axis } } },
    series: [{
      type: 'bar', barMaxWidth: 22,
      data: items.map((it, i) => ({ value: it.value, itemStyle: { color: thresholdColor(it.value, o.thresholds, colorAt(i)), borderRadius: [0, 3, 3, 0] } })),
      label: { show: true, position: 'right', color: ink.muted, formatter: (p: { value: number }) => formatValue(p.value, unit) },
    }],
  };
}

export interface HeatmapData { times: number[]; buckets: string[]; cells: [number, number, number][]; max: number }

/**
 * Turns cumulative histogram bucket series (one per `le`) into per-bucket counts
 * per time step: bucket i holds le[i] minus le[i-1]. Series without an `le`
 * label are ignored; buckets are ordered numerically with +Inf last.
 */
export function histogramHeatmap(series: ChartSeries[]): HeatmapData {
  const withLe = series.filter((s) => s.labels['le'] !== undefined);
  const byLe = new Map<string, Map<number, number>>();
  const timeSet = new Set<number>();
  for (const s of withLe) {
    const le = s.labels['le']!;
    const m = byLe.get(le) ?? new Map<number, number>();
    for (const [t, v] of s.data) {
      if (v === null) continue;
      m.set(t, (m.get(t) ?? 0) + v);
      timeSet.add(t);
    }
    byLe.set(le, m);
  }
  const leNum = (le: string): number => (le === '+Inf' ? Infinity : Number(le));
  const buckets = [...byLe.keys()].sort((a, b) => leNum(a) - leNum(b));
  const times = [...timeSet].sort((a, b) => a - b);
  const cells: [number, number, number][] = [];
  let max = 0;
  times.forEach((t, ti) => {
    let prev = 0;
    buckets.forEach((le, bi) => {
      const cum = byLe.get(le)!.get(t) ?? prev;
      const count = Math.max(0, cum - prev);
      prev = Math.max(prev, cum);
      cells.push([ti, bi, count]);
      if (count > max) max = count;
    });
  });
  return { times, buckets, cells, max };
}

export function heatmapOption(h: HeatmapData, ink: ChartInk): Record<string, unknown> {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: 36, containLabel: true },
    tooltip: { confine: true, backgroundColor: ink.surface, borderColor: ink.border, textStyle: { color: ink.text, fontSize: 12 },
      formatter: (p: { value: [number, number, number] }) => `${formatTime(h.times[p.value[0]] ?? 0)}<br>le ${h.buckets[p.value[1]]}: <b>${formatValue(p.value[2])}</b>` },
    xAxis: { type: 'category', data: h.times.map((t) => formatTime(t, false)), axisLabel: { color: ink.muted, hideOverlap: true }, axisLine: { lineStyle: { color: ink.axis } } },
    yAxis: { type: 'category', data: h.buckets, axisLabel: { color: ink.muted }, axisLine: { lineStyle: { color: ink.axis } } },
    visualMap: { min: 0, max: h.max || 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, itemWidth: 10,
      textStyle: { color: ink.muted }, inRange: { color: ['rgba(59,130,246,0.05)', '#3b82f6', '#f59e0b', '#ef4444'] } },
    series: [{ type: 'heatmap', data: h.cells, progressive: 5000 }],
  };
}

/** A bare area line behind a stat value: no axes, no tooltip, no animation. */
export function sparklineOption(data: [number, number | null][], color: string): Record<string, unknown> {
  return {
    animation: false,
    grid: { left: 0, right: 0, top: 2, bottom: 0 },
    xAxis: { type: 'time', show: false },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', data, silent: true, showSymbol: false, lineStyle: { width: 1.5, color }, areaStyle: { color, opacity: 0.15 } }],
  };
}

/** The last sample that is a number, Grafana's default reduction for stat panels. */
export function lastValue(data: [number, number | null][]): number {
  for (let i = data.length - 1; i >= 0; i--) {
    const v = data[i]![1];
    if (v !== null && Number.isFinite(v)) return v;
  }
  return NaN;
}
