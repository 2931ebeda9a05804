import { describe, expect, it } from 'vitest';
import { completionContext, matchScore, signatureAt, suggestions } from './completion.js';

const at = (withCursor: string) => completionContext(withCursor.replace('|', ''), withCursor.indexOf('|'));

describe('completionContext', () => {
  it('offers expressions for a word at top level or inside a call', () => {
    expect(at('rat|')).toEqual({ kind: 'expression', prefix: 'rat', from: 0, to: 3 });
    expect(at('sum(node_l|oad)')).toEqual({ kind: 'expression', prefix: 'node_l', from: 4, to: 13 });
  });
  it('offers label names inside braces and by(...)', () => {
    expect(at('up{|')).toEqual({ kind: 'labelName', prefix: '', from: 3, to: 3, metric: 'up' });
    expect(at('up{job="x", in|')).toMatchObject({ kind: 'labelName', prefix: 'in', metric: 'up' });
    expect(at('sum by (|')).toMatchObject({ kind: 'labelName', prefix: '' });
    expect(at('up{job|')).toMatchObject({ kind: 'labelName', prefix: 'job' });
  });
  it('offers label values inside a quote or right after the operator', () => {
    expect(at('up{job="pro|')).toEqual({ kind: 'labelValue', prefix: 'pro', from: 8, to: 11, metric: 'up', label: 'job', quote: '"' });
    expect(at('{job=~|')).toMatchObject({ kind: 'labelValue', label: 'job', quote: '', metric: undefined });
  });
  it('offers durations in a range and nothing in closed strings or after a value', () => {
    expect(at('rate(x[|')).toMatchObject({ kind: 'duration', prefix: '' });
    expect(at('up{job="a"|')).toEqual({ kind: 'none' });
    expect(at('up{job="a" |')).toEqual({ kind: 'none' });
    expect(at('up 5|')).toEqual({ kind: 'none' });
  });
});

describe('suggestions', () => {
  it('ranks prefix matches first and adds function parentheses', () => {
    const s = suggestions({ kind: 'expression', prefix: 'rat', from: 0, to: 3 }, { metrics: ['my_rate_total', 'ratio_x'] });
    expect(s.slice(0, 2).map((x) => x.label)).toEqual(['rate', 'ratio_x']);
    expect(s.find((x) => x.label === 'rate')?.insert).toBe('rate(');
    expect(s.map((x) => x.label)).toContain('my_rate_total');
  });
  it('quotes values when no quote was typed and escapes them otherwise', () => {
    expect(suggestions({ kind: 'labelValue', prefix: '', from: 0, to: 0, label: 'a', quote: '' }, { labelValues: ['x'] })[0]?.insert).toBe('"x"');
    expect(suggestions({ kind: 'labelValue', prefix: '', from: 0, to: 0, label: 'a', quote: '"' }, { labelValues: ['a"b'] })[0]?.insert).toBe('a\\"b');
  });
  it('uses metadata as detail and hides __name__ when a metric is known', () => {
    expect(suggestions({ kind: 'expression', prefix: 'up', from: 0, to: 2 }, { metrics: ['up_time'], metadata: { up_time: [{ type: 'gauge', help: 'h' }] } })[0]?.detail).toBe('gauge · h');
    expect(suggestions({ kind: 'labelName', prefix: '', from: 0, to: 0, metric: 'up' }, { labelNames: ['__name__', 'job'] }).map((x) => x.label)).toEqual(['job']);
  });
  it('offers recent queries first when the editor is empty', () => {
    const s = suggestions({ kind: 'expression', prefix: '', from: 0, to: 0 }, { metrics: ['up'], history: ['rate(x[5m])', 'up'] });
    expect(s.slice(0, 2).map((x) => [x.kind, x.insert])).toEqual([['history', 'rate(x[5m])'], ['history', 'up']]);
    expect(suggestions({ kind: 'expression', prefix: 'u', from: 0, to: 1 }, { metrics: ['up'], history: ['up'] }).every((x) => x.kind !== 'history')).toBe(true);
  });
  it('scores fuzzy matches lowest and rejects non-matches', () => {
    expect(matchScore('node_load1', 'nl1')).toBe(1);
    expect(matchScore('node_load1', 'zz')).toBe(0);
  });
});

describe('signatureAt', () => {
  const sig = (withCursor: string) => signatureAt(withCursor.replace('|', ''), withCursor.indexOf('|'))?.name;
  it('names the innermost call around the cursor', () => {
    expect(sig('rate(|')).toBe('rate');
    expect(sig('histogram_quantile(0.9, rate(x[5m]|))')).toBe('rate');
    expect(sig('histogram_quantile(0.9, rate(x[5m]), |)')).toBe('histogram_quantile');
  });
  it('knows aggregations, with or without a by clause', () => {
    expect(sig('sum(|')).toBe('sum');
    expect(sig('sum by (job) (|')).toBe('sum');
    expect(sig('sum by (|')).toBeUndefined();
    expect(sig('up|')).toBeUndefined();
  });
});
