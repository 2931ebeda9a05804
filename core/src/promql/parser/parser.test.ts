import { describe, expect, it } from 'vitest';
import { parseExpr } from './parser.js';
import { printExpr } from './printer.js';
import { PromQLParseError } from './errors.js';

function err(q: string): string {
  try {
    parseExpr(q);
  } catch (e) {
    expect(e).toBeInstanceOf(PromQLParseError);
    return (e as Error).message;
  }
  throw new Error(`expected ${q} to fail`);
}

describe('parseExpr', () => {
  it.each([
    ['1', '1'],
    ['0x1f', '31'],
    ['-Inf', '-Inf'],
    ['Inf', '+Inf'],
    ['0.00001', '1e-05'],
    ['1e21', '1e+21'],
    ['123456.5', '123456.5'],
    ['1e3', '1000'],
    ['foo', 'foo'],
    ['foo{a="b",c!~"d.*"}', 'foo{a="b", c!~"d.*"}'],
    ['{__name__=~"a.*"}', '{__name__=~"a.*"}'],
    ['rate(foo[1h30m])', 'rate(foo[1h30m])'],
    ['foo offset -5m', 'foo offset -5m'],
    ['foo @ start()', 'foo @ start()'],
    ['sum by (a) (foo)', 'sum by (a) (foo)'],
    ['sum(foo) without (a)', 'sum without (a) (foo)'],
    ['topk(3, foo)', 'topk(3, foo)'],
    ['a + on(x) group_left(y) b', 'a + on (x) group_left (y) b'],
    ['1 + 2 * 3', '1 + 2 * 3'],
    ['rate(foo[5m])[30m:1m]', 'rate(foo[5m])[30m:1m]'],
  ])('parses %s', (q, printed) => {
    expect(printExpr(parseExpr(q))).toBe(printed);
  });

  it('binds ^ tighter than unary minus and right-associates it', () => {
    const e = parseExpr('-2 ^ 3 ^ 2');
    expect(e.type).toBe('UnaryExpr');
  });

  it('gives precedence to * over +', () => {
    const e = parseExpr('1 + 2 * 3');
    expect(e.type === 'BinaryExpr' && e.op).toBe('+');
  });

  it('reports positions like Prometheus', () => {
    expect(err('foo{a="b"')).toMatch(/^1:10: parse error: /);
    expect(err('sum(foo) + ')).toMatch(/^1:12: parse error: unexpected end of input/);
    expect(err('rate(foo)')).toBe('1:6: parse error: expected type range vector in call to function "rate", got instant vector');
    expect(err('{a=""}')).toMatch(/vector selector must contain at least one non-empty matcher/);
    expect(err('1 > 2')).toMatch(/comparisons between scalars must use BOOL modifier/);
    expect(err('foo\n  + bar(')).toMatch(/^2:5: parse error: unknown function/);
  });
});

describe('duration expressions', () => {
  it.each([
    ['foo[5m+1m]', 'foo[6m]'],
    ['foo offset (1m*2)', 'foo offset 2m'],
    ['foo[step()*2]', 'foo[step() * 2]'],
    ['foo offset -min_of(step(), 1s)', 'foo offset (-min_of(step(), 1))'],
    ['foo[1h:step()]', 'foo[1h:step()]'],
  ])('parses %s', (q, printed) => {
    expect(printExpr(parseExpr(q))).toBe(printed);
  });

  it('parses fill modifiers', () => {
    expect(printExpr(parseExpr('a + fill(0) b'))).toBe('a + fill(0) b');
    expect(printExpr(parseExpr('a + on(x) fill_left(1) fill_right(2) b'))).toBe('a + on (x) fill_left(1) fill_right(2) b');
  });
});

describe('parse errors match Prometheus 2.42', () => {
  // Messages recorded from Debian's prometheus 2.42 (/api/v1/query) for the same queries.
  it.each([
    ['sum(up', '1:7: parse error: unclosed left parenthesis'],
    ['foo{a="b"', '1:10: parse error: unexpected end of input inside braces'],
    ['rate(foo)', '1:6: parse error: expected type range vector in call to function "rate", got instant vector'],
    ['foo[5m', '1:7: parse error: unclosed left bracket'],
    ['foo +', '1:6: parse error: unexpected end of input'],
    ['1 > 2', '1:3: parse error: comparisons between scalars must use BOOL modifier'],
    ['{a=""}', '1:1: parse error: vector selector must contain at least one non-empty matcher'],
    ['foo offset', '1:11: parse error: unexpected end of input in offset, expected duration'],
    ['sum by (a (foo)', '1:11: parse error: unexpected "(" in grouping opts, expected "," or ")"'],
    ['foo[5m] offset 1m offset 2m', '1:1: parse error: offset may not be set multiple times'],
    ['unknown_fn(foo)', '1:1: parse error: unknown function with name "unknown_fn"'],
    ['"a" + 1', '1:1: parse error: binary expression must contain only scalar and instant vector types'],
    ['foo @ bar', '1:7: parse error: unexpected identifier "bar" in @, expected timestamp'],
    ['rate(foo[5m], 1)', '1:1: parse error: expected 1 argument(s) in call to "rate", got 2'],
    ['foo[5m][1m]', '1:8: parse error: ranges only allowed for vector selectors'],
    [')', "1:2: parse error: unexpected right parenthesis ')'"],
    ['foo bar', '1:5: parse error: unexpected identifier "bar"'],
    ['sum(foo) by', '1:12: parse error: unexpected end of input in grouping opts, expected "("'],
    ['topk(foo)', '1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1'],
    ['label_replace(foo, "a")', '1:1: parse error: expected 5 argument(s) in call to "label_replace", got 2'],
    ['foo and 1', '1:1: parse error: set operator "and" not allowed in binary scalar expression'],
    ['foo{a="b" c="d"}', '1:11: parse error: unexpected identifier "c" in label matching, expected "," or "}"'],
    ['foo{__name__="bar"}', '1:1: parse error: metric name must not be set twice: "foo" or "bar"'],
  ])('%s', (q, msg) => {
    expect(err(q)).toBe(msg);
  });
});
