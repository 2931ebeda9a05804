import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, queryFromState, stateFromQuery } from './url-state.js';

describe('explore URL state', () => {
  it('round-trips every field through the query string', () => {
    const state = { expr: 'rate(x[5m])', mode: 'range' as const, tab: 'table' as const, range: { from: '1000', to: '2000' }, step: '30s', stacked: true, time: '' };
    expect(stateFromQuery(queryFromState(state))).toEqual(state);
  });
  it('keeps shared links short by leaving defaults out', () => {
    expect(queryFromState({ ...DEFAULT_STATE, expr: 'up' })).toEqual({ expr: 'up' });
    expect(queryFromState({ ...DEFAULT_STATE, expr: 'up', mode: 'instant', tab: 'table' })).toEqual({ expr: 'up', mode: 'instant' });
  });
  it('falls back to defaults for missing or odd values', () => {
    expect(stateFromQuery({ mode: 'weird', expr: ['up', 'down'] })).toMatchObject({ mode: 'range', expr: 'up', tab: 'graph' });
  });
});
