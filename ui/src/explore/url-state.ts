// The Explore page keeps its whole state in the URL query so a link reproduces
// the view: expression, mode, tab, range, step and chart options.

import type { TimeRangeText } from '../time/range.js';

export interface ExploreState {
  expr: string;
  mode: 'range' | 'instant';
  tab: 'graph' | 'table';
  range: TimeRangeText;
  /** '' means automatic. */
  step: string;
  stacked: boolean;
  /** Evaluation time for instant queries: '' means now. */
  time: string;
}

export const DEFAULT_STATE: ExploreState = {
  expr: '', mode: 'range', tab: 'graph', range: { from: 'now-1h', to: 'now' }, step: '', stacked: false, time: '',
};

type Query = Record<string, unknown>;
const str = (q: Query, k: string): string | undefined => {
  const v = q[k];
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : undefined;
  return typeof v === 'string' ? v : undefined;
};

export function stateFromQuery(q: Query): ExploreState {
  return {
    expr: str(q, 'expr') ?? DEFAULT_STATE.expr,
    mode: str(q, 'mode') === 'instant' ? 'instant' : 'range',
    tab: str(q, 'tab') === 'table' ? 'table' : str(q, 'mode') === 'instant' && !str(q, 'tab') ? 'table' : 'graph',
    range: { from: str(q, 'from') ?? DEFAULT_STATE.range.from, to: str(q, 'to') ?? DEFAULT_STATE.range.to },
    step: str(q, 'step') ?? '',
    stacked: str(q, 'stacked') === '1',
    time: str(q, 'time') ?? '',
  };
}

/** Only non-default values go into the URL, to keep shared links short. */
export function queryFromState(s: ExploreState): Record<string, string> {
  const q: Record<string, string> = {};
  if (s.expr) q['expr'] = s.expr;
  if (s.mode !== 'range') q['mode'] = s.mode;
  if (s.tab !== (s.mode === 'instant' ? 'table' : 'graph')) q['tab'] = s.tab;
  if (s.range.from !== DEFAULT_STATE.range.from) q['from'] = s.range.from;
  if (s.range.to !== DEFAULT_STATE.range.to) q['to'] = s.range.to;
  if (s.step) q['step'] = s.step;
  if (s.stacked) q['stacked'] = '1';
  if (s.time) q['time'] = s.time;
  return q;
}
