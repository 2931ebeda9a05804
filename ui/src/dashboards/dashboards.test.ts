import { describe, expect, it } from 'vitest';
import { exportDashboard, normalizeDashboard } from './model.js';
import { DashboardModelError } from '../errors.js';
import { ALL, defaultSelection, interpolate, parseVariableQuery, variableText } from './variables.js';
import { importGrafana, isGrafanaDashboard } from './grafana-import.js';
import { HOST_OVERVIEW } from './host-overview.js';

describe('normalizeDashboard', () => {
  it('fills defaults and clamps sizes', () => {
    const d = normalizeDashboard({ title: 'T', rows: [{ panels: [{ title: 'p', targets: [{ expr: 'up' }], width: 40, height: 5 }] }] });
    expect(d.time).toEqual({ from: 'now-1h', to: 'now' });
    expect(d.rows[0]!.panels[0]).toMatchObject({ type: 'timeseries', width: 12, height: 80 });
    expect(d.rows[0]!.panels[0]!.id).toMatch(/^[a-z0-9]+$/);
  });
  it('names the path of the first problem', () => {
    const bad = { title: 'T', rows: [{ panels: [{ type: 'pie', targets: [] }] }] };
    expect(() => normalizeDashboard(bad)).toThrow(DashboardModelError);
    expect(() => normalizeDashboard(bad)).toThrow('$.rows[0].panels[0].type: "pie" is not a panel type');
    expect(() => normalizeDashboard({ variables: [{ name: 'a b', query: 'x' }] })).toThrow('$.variables[0].name');
    expect(() => normalizeDashboard({ rows: [{ panels: [{ targets: [{ expr: 1 }] }] }] })).toThrow('$.rows[0].panels[0].targets[0].expr: expected a string');
    expect(() => normalizeDashboard([])).toThrow('$: a dashboard must be a JSON object');
  });
  it('accepts the built-in Host overview and exports without server fields', () => {
    const d = normalizeDashboard({ ...HOST_OVERVIEW, version: 3, updatedAt: 'x' });
    expect(d.rows.flatMap((r) => r.panels).length).toBeGreaterThan(8);
    const out = exportDashboard(d);
    expect(out).not.toHaveProperty('version');
    expect(out).not.toHaveProperty('builtin');
    const { version: _v, updatedAt: _u, builtin: _b, ...withoutServerFields } = d;
    expect(normalizeDashboard(JSON.parse(JSON.stringify(out)))).toEqual(withoutServerFields);
  });
});

describe('variables', () => {
  it('parses label_values, label_names and custom lists', () => {
    expect(parseVariableQuery('label_values(job)')).toEqual({ kind: 'labelValues', label: 'job' });
    expect(parseVariableQuery('label_values(up{env="prod"}, instance)')).toEqual({ kind: 'labelValues', label: 'instance', selector: 'up{env="prod"}' });
    expect(parseVariableQuery('label_names()')).toEqual({ kind: 'labelNames' });
    expect(parseVariableQuery('a, b ,c')).toEqual({ kind: 'custom', values: ['a', 'b', 'c'] });
  });
  it('renders selections as regex-safe text', () => {
    expect(variableText(['a.b'], [])).toBe('a\\.b');
    expect(variableText(['x', 'y'], [])).toBe('(x|y)');
    expect(variableText([ALL], ['p', 'q'])).toBe('(p|q)');
    expect(variableText([ALL], [])).toBe('.*');
  });
  it('interpolates $v, ${v}, [[v]] and the interval built-ins, leaving unknown names', () => {
    const out = interpolate('rate(x{i=~"$inst",j="${job}",k="[[job]]"}[$__rate_interval]) $nope', { inst: '(a|b)', job: 'api' }, { intervalMs: 10_000, rangeMs: 3_600_000 });
    expect(out).toBe('rate(x{i=~"(a|b)",j="api",k="api"}[1m]) $nope');
    expect(interpolate('[$__interval] [$__range]', {}, { intervalMs: 120_000, rangeMs: 3_600_000 })).toBe('[2m] [1h]');
    expect(interpolate('{i=~"${inst:regex}"}[${__rate_interval}]', { inst: 'a' }, { intervalMs: 10_000, rangeMs: 60_000 })).toBe('{i=~"a"}[1m]');
  });
  it('keeps a still-offered selection, else All, else the first value', () => {
    expect(defaultSelection({ name: 'v', query: '', current: ['b', 'gone'], multi: true }, ['a', 'b'])).toEqual(['b']);
    expect(defaultSelection({ name: 'v', query: '', includeAll: true }, ['a'])).toEqual([ALL]);
    expect(defaultSelection({ name: 'v', query: '' }, ['a', 'b'])).toEqual(['a']);
  });
});

describe('importGrafana', () => {
  const grafana = {
    dashboard: {
      uid: 'u', title: 'Node', schemaVersion: 39, tags: ['linux'], refresh: '1m', time: { from: 'now-3h', to: 'now' },
      templating: { list: [
        { name: 'ds', type: 'datasource', query: 'prometheus' },
        { name: 'host', type: 'query', query: { query: 'label_values(node_uname_info, instance)' }, multi: true, includeAll: true, current: { value: ['$__all'] } },
        { name: 'q', type: 'query', query: 'query_result(up)' },
      ] },
      panels: [
        { type: 'stat', title: 'Load', gridPos: { x: 12, y: 0, w: 6, h: 4 }, targets: [{ expr: 'node_load1', refId: 'A' }], fieldConfig: { defaults: { unit: 'short', thresholds: { steps: [{ value: null, color: 'green' }, { value: 4, color: 'red' }] } } } },
        { type: 'timeseries', title: 'CPU', gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ expr: 'rate(node_cpu_seconds_total[5m])', legendFormat: '{{mode}}' }, { expr: 'hidden', hide: true }], fieldConfig: { defaults: { unit: 'percentunit', custom: { stacking: { mode: 'normal' } } } } },
        { type: 'row', title: 'Disk', collapsed: true, gridPos: { x: 0, y: 8, w: 24, h: 1 }, panels: [
          { type: 'graph', title: 'Latency', gridPos: { w: 24, h: 8 }, targets: [{ expr: 'x' }], yaxes: [{ format: 'ms' }] },
        ] },
        { type: 'text', title: 'Readme', gridPos: { x: 0, y: 20, w: 24, h: 3 } },
        { type: 'table', title: 'Loki', datasource: { type: 'loki' }, gridPos: { x: 0, y: 21, w: 24, h: 3 }, targets: [{ expr: '{app="x"}' }] },
      ],
    },
  };
  it('recognises Grafana JSON', () => {
    expect(isGrafanaDashboard(grafana)).toBe(true);
    expect(isGrafanaDashboard(HOST_OVERVIEW)).toBe(false);
  });
  it('maps panels in reading order, rows, units, stacking, thresholds and variables', () => {
    const { dashboard: d, skipped } = importGrafana(grafana);
    expect(d).toMatchObject({ title: 'Node', tags: ['linux'], refresh: '1m', time: { from: 'now-3h', to: 'now' } });
    expect(d.rows.map((r) => r.title)).toEqual(['', 'Disk']);
    const [cpu, load] = d.rows[0]!.panels;
    expect(cpu).toMatchObject({ title: 'CPU', type: 'timeseries', unit: 'percentunit', stacked: true, width: 6, targets: [{ expr: 'rate(node_cpu_seconds_total[5m])', legendFormat: '{{mode}}' }] });
    expect(load).toMatchObject({ title: 'Load', type: 'stat', width: 3, thresholds: [{ value: 4, color: 'red' }] });
    expect(d.rows[1]!.collapsed).toBe(true);
    expect(d.rows[1]!.panels[0]).toMatchObject({ title: 'Latency', unit: 'seconds', targets: [{ expr: '(x) * 0.001' }] });
    expect(d.variables).toEqual([{ name: 'host', query: 'label_values(node_uname_info, instance)', multi: true, includeAll: true, current: ['$__all'] }]);
    expect(skipped).toEqual([
      'panel "Readme": type "text" has no equivalent',
      'panel "Loki": data source type "loki" is not Prometheus',
      'variable "q": query "query_result(up)" is not label_values()/label_names()',
    ]);
    // The result is a valid native dashboard.
    expect(() => normalizeDashboard(d)).not.toThrow();
  });
  it('refuses JSON without panels', () => {
    expect(() => importGrafana({ title: 'x' })).toThrow('$.panels: not a Grafana dashboard');
  });
});
