// Converts a Grafana dashboard JSON (schema 16+, Prometheus queries) into the
// native model. Grafana lays panels on a 24-column grid with `row` panels as
// separators; we keep the order, map widths to twelfths and keep what our panels
// can show. Anything skipped is reported, never silently dropped.

import { DashboardModelError } from '../errors.js';
import { newPanelId, type Dashboard, type Panel, type PanelType, type Row, type Variable } from './model.js';
import type { Unit } from '../charts/format.js';

export interface GrafanaImportResult { dashboard: Dashboard; skipped: string[] }

const TYPE_MAP: Record<string, PanelType> = {
  timeseries: 'timeseries', graph: 'timeseries', stat: 'stat', singlestat: 'stat', gauge: 'gauge',
  bargauge: 'bar', barchart: 'bar', table: 'table', 'table-old': 'table', heatmap: 'heatmap',
};

const UNIT_MAP: Record<string, Unit> = {
  percent: 'percent', percentunit: 'percentunit', bytes: 'bytes', decbytes: 'bytes', s: 'seconds', dtdurations: 'seconds',
  ms: 'seconds', short: 'short', none: 'none', bps: 'bytes', Bps: 'bytes', binBps: 'bytes',
};

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isGrafanaDashboard(v: unknown): boolean {
  if (!isObj(v)) return false;
  const d = isObj(v['dashboard']) ? v['dashboard'] : v;
  return Array.isArray(d['panels']) && ('schemaVersion' in d || 'templating' in d || 'uid' in d);
}

function convertUnit(unit: unknown): { unit?: Unit; scale?: number } {
  if (typeof unit !== 'string' || unit === '') return {};
  // Grafana's `ms` is milliseconds; our seconds unit needs the value divided.
  if (unit === 'ms') return { unit: 'seconds', scale: 0.001 };
  return UNIT_MAP[unit] ? { unit: UNIT_MAP[unit] } : {};
}

function convertPanel(p: Json, index: number, skipped: string[]): Panel | undefined {
  const title = typeof p['title'] === 'string' ? p['title'] : `panel ${index + 1}`;
  const type = TYPE_MAP[String(p['type'])];
  if (!type) {
    skipped.push(`panel "${title}": type "${String(p['type'])}" has no equivalent`);
    return undefined;
  }
  const ds = p['datasource'];
  const dsType = isObj(ds) ? ds['type'] : undefined;
  if (typeof dsType === 'string' && dsType !== 'prometheus' && !dsType.startsWith('$') && dsType !== 'datasource') {
    skipped.push(`panel "${title}": data source type "${dsType}" is not Prometheus`);
    return undefined;
  }
  const rawTargets = Array.isArray(p['targets']) ? p['targets'] : [];
  const targets = rawTargets.filter(isObj).filter((t) => typeof t['expr'] === 'string' && t['expr'] !== '' && t['hide'] !== true)
    .map((t) => {
      const out: { expr: string; legendFormat?: string; instant?: boolean } = { expr: String(t['expr']) };
      if (typeof t['legendFormat'] === 'string' && t['legendFormat'] !== '' && t['legendFormat'] !== '__auto') out.legendFormat = t['legendFormat'];
      if (t['instant'] === true || t['format'] === 'table') out.instant = true;
      return out;
    });
  if (targets.length === 0) {
    skipped.push(`panel "${title}": no Prometheus query`);
    return undefined;
  }
  const grid = isObj(p['gridPos']) ? p['gridPos'] : {};
  const w = typeof grid['w'] === 'number' ? grid['w'] : typeof p['span'] === 'number' ? (p['span'] as number) * 2 : 12;
  const h = typeof grid['h'] === 'number' ? grid['h'] : 8;
  const defaults = isObj(p['fieldConfig']) && isObj(p['fieldConfig']['defaults']) ? p['fieldConfig']['defaults'] : {};
  const { unit, scale } = convertUnit(defaults['unit'] ?? (Array.isArray(p['yaxes']) && isObj(p['yaxes'][0]) ? p['yaxes'][0]['format'] : p['format']));
  if (scale) for (const t of targets) t.expr = `(${t.expr}) * ${scale}`;
  const panel: Panel = {
    id: newPanelId(),
    title,
    type,
    targets,
    width: Math.min(12, Math.max(1, Math.round(w / 2))),
    // Grafana grid rows are 30px plus margins; our height is the body only.
    height: Math.max(120, h * 36 - 40),
  };
  if (unit) panel.unit = unit;
  if (typeof defaults['min'] === 'number') panel.min = defaults['min'];
  if (typeof defaults['max'] === 'number') panel.max = defaults['max'];
  const custom = isObj(defaults['custom']) ? defaults['custom'] : {};
  if ((isObj(custom['stacking']) && custom['stacking']['mode'] === 'normal') || p['stack'] === true) panel.stacked = true;
  const steps = isObj(defaults['thresholds']) && Array.isArray(defaults['thresholds']['steps']) ? defaults['thresholds']['steps'] : [];
  const thresholds = steps.filter(isObj).map((s) => ({ value: typeof s['value'] === 'number' ? s['value'] : -Infinity, color: String(s['color'] ?? 'green') }))
    .filter((t) => Number.isFinite(t.value));
  if (thresholds.length) panel.thresholds = thresholds;
  if (typeof p['description'] === 'string' && p['description']) panel.description = p['description'];
  return panel;
}

function convertVariable(v: Json, skipped: string[]): Variable | undefined {
  const name = String(v['name'] ?? '');
  const type = String(v['type'] ?? '');
  let query = '';
  if (type === 'query') {
    const q = v['query'];
    query = typeof q === 'string' ? q : isObj(q) && typeof q['query'] === 'string' ? q['query'] : '';
    if (!/^\s*label_(values|names)\(/.test(query)) {
      skipped.push(`variable "${name}": query "${query}" is not label_values()/label_names()`);
      return undefined;
    }
  } else if (type === 'custom') {
    query = String(v['query'] ?? '');
  } else if (type === 'constant' || type === 'textbox') {
    query = String(v['query'] ?? '');
  } else {
    if (type !== 'datasource') skipped.push(`variable "${name}": type "${type}" is not supported`);
    return undefined;
  }
  const out: Variable = { name, query };
  if (typeof v['label'] === 'string' && v['label']) out.label = v['label'];
  if (v['multi'] === true) out.multi = true;
  if (v['includeAll'] === true) out.includeAll = true;
  const cur = isObj(v['current']) ? v['current']['value'] : undefined;
  const list = Array.isArray(cur) ? cur : typeof cur === 'string' ? [cur] : [];
  const current = list.filter((x): x is string => typeof x === 'string').map((x) => (x === '$__all' ? '$__all' : x));
  if (current.length) out.current = current;
  return out;
}

export function importGrafana(input: unknown): GrafanaImportResult {
  if (!isObj(input)) throw new DashboardModelError('PNP_UI_GRAFANA_IMPORT', '$', 'a Grafana dashboard must be a JSON object');
  // Accept both the bare model and the {dashboard, meta} envelope of Grafana's API.
  const d = isObj(input['dashboard']) ? input['dashboard'] : input;
  if (!Array.isArray(d['panels'])) throw new DashboardModelError('PNP_UI_GRAFANA_IMPORT', '$.panels', 'not a Grafana dashboard: it has no panels array');
  const skipped: string[] = [];
  const rows: Row[] = [];
  let current: Row = { title: '', panels: [] };
  const panels = (d['panels'] as unknown[]).filter(isObj);
  // Sort by grid position: Grafana stores panels in creation order, not reading order.
  const pos = (p: Json): [number, number] => {
    const g = isObj(p['gridPos']) ? p['gridPos'] : {};
    return [typeof g['y'] === 'number' ? g['y'] : 0, typeof g['x'] === 'number' ? g['x'] : 0];
  };
  panels.sort((a, b) => pos(a)[0] - pos(b)[0] || pos(a)[1] - pos(b)[1]);
  panels.forEach((p, i) => {
    if (p['type'] === 'row') {
      if (current.panels.length > 0 || current.title) rows.push(current);
      current = { title: String(p['title'] ?? ''), panels: [] };
      if (p['collapsed'] === true) current.collapsed = true;
      // A collapsed Grafana row keeps its panels inside itself.
      for (const inner of (Array.isArray(p['panels']) ? p['panels'] : []).filter(isObj)) {
        const c = convertPanel(inner, i, skipped);
        if (c) current.panels.push(c);
      }
      return;
    }
    const c = convertPanel(p, i, skipped);
    if (c) current.panels.push(c);
  });
  if (current.panels.length > 0 || current.title || rows.length === 0) rows.push(current);

  const templating = isObj(d['templating']) && Array.isArray(d['templating']['list']) ? d['templating']['list'] : [];
  const variables = templating.filter(isObj).map((v) => convertVariable(v, skipped)).filter((v): v is Variable => v !== undefined);
  const time = isObj(d['time']) ? d['time'] : {};
  const dashboard: Dashboard = {
    id: '',
    title: typeof d['title'] === 'string' && d['title'] ? d['title'] : 'Imported dashboard',
    time: { from: typeof time['from'] === 'string' ? time['from'] : 'now-1h', to: typeof time['to'] === 'string' ? time['to'] : 'now' },
    refresh: typeof d['refresh'] === 'string' ? d['refresh'] : '',
    variables,
    rows,
  };
  if (Array.isArray(d['tags'])) dashboard.tags = d['tags'].filter((t): t is string => typeof t === 'string');
  if (typeof d['description'] === 'string' && d['description']) dashboard.description = d['description'];
  return { dashboard, skipped };
}
