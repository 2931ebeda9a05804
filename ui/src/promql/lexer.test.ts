import { describe, expect, it } from 'vitest';
import { lex } from './lexer.js';

const kinds = (src: string): string[] => lex(src).filter((t) => t.kind !== 'space').map((t) => `${t.kind}:${t.text}`);

describe('lex', () => {
  it('classifies metrics, labels, functions, aggregations, durations and strings', () => {
    expect(kinds('sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))')).toEqual([
      'aggregation:sum', 'keyword:by', 'bracket:(', 'label:job', 'bracket:)', 'bracket:(', 'function:rate', 'bracket:(',
      'metric:http_requests_total', 'bracket:{', 'label:code', 'operator:=~', 'string:"5.."', 'bracket:}', 'bracket:[',
      'duration:5m', 'bracket:]', 'bracket:)', 'bracket:)',
    ]);
  });

  it('reads numbers, offsets, comments and keywords used as label names', () => {
    expect(kinds('up{on="x"} offset 1h30m > 0.5e3 # note')).toEqual([
      'metric:up', 'bracket:{', 'label:on', 'operator:=', 'string:"x"', 'bracket:}', 'keyword:offset', 'duration:1h30m',
      'operator:>', 'number:0.5e3', 'comment:# note',
    ]);
  });

  it('treats a function name without "(" as a metric and never throws on junk', () => {
    expect(kinds('rate')).toEqual(['metric:rate']);
    expect(kinds('up ! $')).toEqual(['metric:up', 'error:!', 'error:$']);
  });

  it('keeps every character: tokens cover the input exactly', () => {
    const src = 'a{b="c\\"d"} / on(x) group_left b\n# c';
    expect(lex(src).map((t) => t.text).join('')).toBe(src);
  });
});
