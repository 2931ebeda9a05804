// The native dashboard model: JSON the server stores as-is (docs/ui.md documents
// it). `normalizeDashboard` checks untrusted JSON (an import, a server answer) and
// fills defaults, naming the path of the first problem it finds.

import { DashboardModelError } from '../errors.js';
import type { Unit } from '../charts/format.js';

export const PANEL_TYPES = ['timeseries', 'stat', 'gauge', 'bar', 'table', 'heatmap'] as const;
export type PanelType = (typeof PANEL_TYPES)[number];
export const UNITS: readonly Unit[] = ['short', 'none', 'percent', 'percentunit', 'bytes', 'seconds'];

export interface PanelTarget { expr: string; legendFormat?: string; instant?: boolean }
export interface Threshold { value: number; color: string }

export interface Panel {
  id: string;
  title: string;
  type: PanelType;
  targets: PanelTarget[];
  /** Width in twelfths of the row. */
  width: number;
  /** Height in pixels of the panel body. */
  height: number;
  unit?: Unit;
  stacked?: boolean;
  min?: number;
  max?: number;
  thresholds?: Threshold[];
  description?: string;
}

export interface Row { title: string; collapsed?: boolean; panels: Panel[] }

export interface Variable {
  name: string;
  label?: string;
  /** `label_values(label)`, `label_values(selector, label)`, `label_names()` or a comma list `a,b,c`. */
  query: string;
  multi?: boolean;
  includeAll?: boolean;
  /** Selected values; `$__all` stands for every value. */
  current?: string[];
}

export interface Dashboard {
  id: string;
  title: string;
  description?: string;
  tags?: string[];
  time: { from: string; to: string };
  /** Auto-refresh interval ("30s", "1m"), or "" for off. */
  refresh: string;
  variables: Variable[];
  rows: Row[];
  /** Set by the server. */
  version?: number;
  updatedAt?: string;
  /** Built into the UI; saving it creates an editable copy. */
  builtin?: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(v: unknown, path: string, fallback?: string): string {
  if (typeof v === 'string') return v;
  if (v === undefined && fallback !== undefined) return fallback;
  throw new DashboardModelError('PNP_UI_DASHBOARD_INVALID', path, `expected a string, got ${JSON.stringify(v)}`);
}
function num(v: unknown, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw new DashboardModelError('PNP_UI_DASHBOARD_INVALID', path, `expected a number, got ${JSON.stringify(v)}`);
}
function arr(v: unknown, path: string): unknown[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v;
  throw new DashboardModelError('PNP_UI_DASHBOARD_INVALID', path, `expected an array, got ${JSON.stringify(v)}`);
}

export function newPanelId(): string {
  return Math.random().toString(36).slice(2, 10);
}

function normalizePanel(v: unknown, path: string): Panel {
  if (!isObj(v)) throw new DashboardModelError('PNP_UI_DASHBOARD_INVALID', path, 'a panel must be an object');
  const type = str(v['type'], `${path}.type`, 'timeseries');
  if (!(PANEL_TYPES as readonly string[]).includes(type)) {
    throw new DashboardModelError('PNP_UI_DASHBOARD_INVALID', `${path}.type`, `"${type}" is not a panel type; use one of ${PANEL_TYPES.join(', ')}`);
  }
  const targets = arr(v['targets'], `${path}.targets`).map((t, i) => {
    const tp = `${path}.targets[${i}]`;
    if (!isObj(t)) throw new DashboardModelError('PNP_UI_DASHBOARD_INVALID', tp, 'a target must be an object with an expr');
    const out: PanelTarget = { expr: str(t['expr'], `${tp}.expr`) };
    if (t['legendFormat'] !== undefined) out.legendFormat = str(t['legendFormat'], `${tp}.legendFormat`);
    if (t['instant'] !== undefined) out.instant = t['instant'] === true;
    return out;
  });
  const unit = v['unit'] === undefined ? undefined : str(v['unit'], `${path}.unit`);
  if (unit !== undefined && !(UNITS as readonly string[]).includes(unit)) {
    throw new DashboardModelError('PNP_UI_DASHBOARD_INVALID', `${path}.unit`, `"${unit}" is not a unit; use one of ${UNITS.join(', ')}`);
  }
  const width = num(v['width'], `${path}.width`) ?? 6;
  const panel: Panel = {
    id: typeof v['id'] === 'string' && v['id'] ? v['id'] : newPanelId(),
    title: str(v['title'], `${path}.title`, ''),
    type: type as PanelType,
    targets,
    width: Math.min(12, Math.max(1, Math.round(width))),
    height: Math.min(1200, Math.max(80, Math.round(num(v['height'], `${path}.height`) ?? 240))),
  };
  if (unit) panel.unit = unit as Unit;
  if (v['stacked'] === true) panel.stacked = true;
  const min = num(v['min'], `${path}.min`);
  const max = num(v['max'], `${path}.max`);
  if (min !== undefined) panel.min = min;
  if (max !== undefined) panel.max = max;
  if (typeof v['description'] === 'string') panel.description = v['description'];
  if (v['thresholds'] !== undefined) {
    panel.thresholds = arr(v['thresholds'], `${path}.thresholds`).map((t, i) => {
      const tp = `${path}.thresholds[${i}]`;
      if (!isObj(t)) throw new DashboardModelError('PNP_UI_DASHBOARD_INVALID', tp, 'a threshold is {value, color}');
      return { value: num(t['value'], `${tp}.value`) ?? 0, color: str(t['color'], `${tp}.color`) };
    });
  }
  return panel;
}

const VAR_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function normalizeDashboard(input: unknown): Dashboard {
  if (!isObj(input)) throw new DashboardModelError('PNP_UI_DASHBOARD_INVALID', '$', 'a dashboard must be a JSON object');
  const time = isObj(input['time']) ? input['time'] : {};
  const variables = arr(input['variables'], '$.variables').map((v, i): Variable => {
    const p = `$.variables[${i}]`;
    if (!isObj(v)) throw new DashboardModelError('PNP_UI_DASHBOARD_INVALID', p, 'a variable must be an object');
    const name = str(v['name'], `${p}.name`);
    if (!VAR_NAME.test(name)) throw new DashboardModelError('PNP_UI_DASHBOARD_INVALID', `${p}.name`, `"${name}" is not a valid variable name (letters, digits, _)`);
    const out: Variable = { name, query: str(v['query'], `${p}.query`) };
    if (typeof v['label'] === 'string') out.label = v['label'];
    if (v['multi'] === true) out.multi = true;
    if (v['includeAll'] === true) out.includeAll = true;
    if (Array.isArray(v['current'])) out.current = v['current'].filter((x): x is string => typeof x === 'string');
    return out;
  });
  const rows = arr(input['rows'], '$.rows').map((r, i): Row => {
    const p = `$.rows[${i}]`;
    if (!isObj(r)) throw new DashboardModelError('PNP_UI_DASHBOARD_INVALID', p, 'a row must be an object with panels');
    const row: Row = { title: str(r['title'], `${p}.title`, ''), panels: arr(r['panels'], `${p}.panels`).map((x, j) => normalizePanel(x, `${p}.panels[${j}]`)) };
    if (r['collapsed'] === true) row.collapsed = true;
    return row;
  });
  const dash: Dashboard = {
    id: typeof input['id'] === 'string' ? input['id'] : '',
    title: str(input['title'], '$.title', 'Untitled dashboard'),
    time: { from: str(time['from'], '$.time.from', 'now-1h'), to: str(time['to'], '$.time.to', 'now') },
    refresh: str(input['refresh'], '$.refresh', ''),
    variables,
    rows,
  };
  if (typeof input['description'] === 'string') dash.description = input['description'];
  if (Array.isArray(input['tags'])) dash.tags = input['tags'].filter((t): t is string => typeof t === 'string');
  if (typeof input['version'] === 'number') dash.version = input['version'];
  if (typeof input['updatedAt'] === 'string') dash.updatedAt = input['updatedAt'];
  if (input['builtin'] === true) dash.builtin = true;
  return dash;
}

/** What export writes: the model without server bookkeeping. */
export function exportDashboard(d: Dashboard): Omit<Dashboard, 'version' | 'updatedAt' | 'builtin'> {
  const { version: _v, updatedAt: _u, builtin: _b, ...rest } = d;
  return rest;
}

export function emptyDashboard(title = 'New dashboard'): Dashboard {
  return { id: '', title, time: { from: 'now-1h', to: 'now' }, refresh: '', variables: [], rows: [{ title: '', panels: [] }] };
}
