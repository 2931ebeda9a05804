import { describe, expect, it } from 'vitest';
import { matrixToSeries } from './series.js';
import { applyLegendFormat, formatValue, parseSampleValue, seriesName } from './format.js';
import { LARGE_DATA_POINTS, buildTimeSeriesOption, nearestIndex, tooltipHtml, tooltipRows } from './time-series-option.js';
import { histogramHeatmap, thresholdColor, gaugeOption, lastValue } from './panel-options.js';
import type { ChartInk } from './palette.js';

const ink: ChartInk = { text: '#000', muted: '#666', grid: '#eee', axis: '#999', surface: '#fff', border: '#ddd' };

describe('matrixToSeries', () => {
  it('converts times to ms, values to numbers and breaks lines over gaps', () => {
    const [s] = matrixToSeries([{ metric: { __name__: 'up', job: 'a' }, values: [[10, '1'], [20, '2'], [50, 'NaN'], [60, '+Inf']] }], 10);
    expect(s!.name).toBe('up{job="a"}');
    expect(s!.data).toEqual([[10_000, 1], [20_000, 2], [30_000, null], [50_000, null], [60_000, null]]);
  });
  it('applies a legend template and keeps names unique', () => {
    const series = matrixToSeries([{ metric: { job: 'a', i: '1' }, values: [] }, { metric: { job: 'a', i: '2' }, values: [] }], 15, '{{job}}');
    expect(series.map((s) => s.name)).toEqual(['a', 'a (2)']);
  });
});

describe('formatting', () => {
  it('formats units the way people read them', () => {
    expect(formatValue(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatValue(0.25, 'percentunit')).toBe('25%');
    expect(formatValue(0.0042, 'seconds')).toBe('4.2 ms');
    expect(formatValue(12_300_000)).toBe('12.3M');
    expect(formatValue(NaN)).toBe('NaN');
    expect(parseSampleValue('-Inf')).toBe(-Infinity);
  });
  it('names series Prometheus-style and fills legend templates', () => {
    expect(seriesName({ b: '2', __name__: 'm', a: '1' })).toBe('m{a="1", b="2"}');
    expect(seriesName({})).toBe('{}');
    expect(applyLegendFormat('{{ a }}-{{missing}}', { a: 'x' })).toBe('x-');
  });
});

describe('time series option', () => {
  const series = [
    { name: 'a', labels: {}, data: [[0, 1], [1000, 5], [2000, 3]] as [number, number | null][] },
    { name: 'b', labels: {}, data: [[0, 2], [1000, null], [2000, 9]] as [number, number | null][] },
  ];
  it('stacks with areas and keeps hidden series unselected', () => {
    const o = buildTimeSeriesOption(series, ink, { stacked: true, hidden: new Set(['b']) }) as { series: { stack?: string; areaStyle?: unknown }[]; legend: { selected: Record<string, boolean> }; animation: boolean };
    expect(o.series[0]!.stack).toBe('total');
    expect(o.series[0]!.areaStyle).toBeDefined();
    expect(o.legend.selected).toEqual({ a: true, b: false });
    expect(o.animation).toBe(true);
  });
  it('switches to large-data settings above the threshold', () => {
    const big = [{ name: 'x', labels: {}, data: Array.from({ length: LARGE_DATA_POINTS + 1 }, (_, i) => [i, i] as [number, number]) }];
    const o = buildTimeSeriesOption(big, ink) as { series: { sampling?: string; showSymbol: boolean }[]; animation: boolean };
    expect(o.series[0]!.sampling).toBe('lttb');
    expect(o.series[0]!.showSymbol).toBe(false);
    expect(o.animation).toBe(false);
  });
  it('decimates large lines to the plot width instead of sampling in ECharts', () => {
    const big = [{ name: 'x', labels: {}, data: Array.from({ length: LARGE_DATA_POINTS + 1 }, (_, i) => [i, Math.sin(i)] as [number, number]) }];
    const o = buildTimeSeriesOption(big, ink, { widthPx: 1000 }) as { series: { sampling?: string; data: unknown[] }[] };
    expect(o.series[0]!.sampling).toBeUndefined();
    expect(o.series[0]!.data.length).toBeLessThanOrEqual(2000);
  });
  it('builds the shared tooltip from the nearest samples, largest first', () => {
    expect(nearestIndex(series[0]!.data, 1400)).toBe(1);
    expect(nearestIndex(series[0]!.data, 1600)).toBe(2);
    expect(tooltipRows(series, 1900, 1500, () => false).map((r) => [r.name, r.value])).toEqual([['b', 9], ['a', 3]]);
    expect(tooltipRows(series, 1000, 1500, (n) => n === 'a')).toEqual([]);
    const html = tooltipHtml(0, [{ name: '<x>', color: '#f00', value: 1 }, { name: 'y', color: '#0f0', value: 0 }], 'short', 1);
    expect(html).toContain('&lt;x&gt;');
    expect(html).toContain('and 1 more');
  });
});

describe('panel options', () => {
  it('turns cumulative buckets into per-bucket counts ordered by le', () => {
    const b = (le: string, v: number) => ({ name: le, labels: { le }, data: [[0, v]] as [number, number | null][] });
    const h = histogramHeatmap([b('+Inf', 10), b('0.5', 7), b('0.1', 2)]);
    expect(h.buckets).toEqual(['0.1', '0.5', '+Inf']);
    expect(h.cells).toEqual([[0, 0, 2], [0, 1, 5], [0, 2, 3]]);
    expect(h.max).toBe(5);
  });
  it('picks the threshold colour at or below the value', () => {
    const t = [{ value: 80, color: 'red' }, { value: 0, color: 'green' }];
    expect(thresholdColor(50, t, 'x')).toBe('green');
    expect(thresholdColor(80, t, 'x')).toBe('red');
    expect(thresholdColor(-1, t, 'x')).toBe('x');
  });
  it('reduces a stat to its last numeric sample', () => {
    expect(lastValue([[0, 1], [1, 2], [2, null]])).toBe(2);
    expect(lastValue([[0, null]])).toBeNaN();
  });
  it('scales a percent gauge to 0..100', () => {
    const o = gaugeOption(42, ink, { unit: 'percent' }) as { series: { max: number; data: { value: number }[] }[] };
    expect(o.series[0]!.max).toBe(100);
    expect(o.series[0]!.data[0]!.value).toBe(42);
  });
  it('says "No data" on a gauge without a value instead of showing 0', () => {
    const o = gaugeOption(NaN, ink, { unit: 'percent' }) as { series: { detail: { formatter: (v: number) => string } }[] };
    expect(o.series[0]!.detail.formatter(0)).toBe('No data');
  });
});
