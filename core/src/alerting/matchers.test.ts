import { describe, expect, it } from 'vitest';
import { compileMatcher, parseMatcher, parseMatchers } from './matchers.js';

describe('parseMatcher', () => {
  it.each([
    ['job="node"', { name: 'job', type: '=', value: 'node' }],
    ['job=node', { name: 'job', type: '=', value: 'node' }],
    ['severity!="info"', { name: 'severity', type: '!=', value: 'info' }],
    ['instance=~"web-.*"', { name: 'instance', type: '=~', value: 'web-.*' }],
    ['env !~ "dev|test"', { name: 'env', type: '!~', value: 'dev|test' }],
    ['{a="b"}', { name: 'a', type: '=', value: 'b' }],
    ['a="x\\"y"', { name: 'a', type: '=', value: 'x"y' }],
    ['a=""', { name: 'a', type: '=', value: '' }],
  ])('%s', (text, want) => expect(parseMatcher(text)).toEqual(want));

  it('rejects bad input', () => {
    expect(() => parseMatcher('nope')).toThrow(/bad matcher format/);
    expect(() => parseMatcher('a=~"("')).toThrow(/invalid regular expression/);
  });

  it('splits lists at commas outside quotes', () => {
    expect(parseMatchers('{a="1,2", b=~"x"}')).toEqual([
      { name: 'a', type: '=', value: '1,2' },
      { name: 'b', type: '=~', value: 'x' },
    ]);
  });
});

describe('compileMatcher', () => {
  it('anchors regexes without dot-all, and treats missing labels as empty', () => {
    const m = compileMatcher({ name: 'a', type: '=~', value: 'b.*' });
    expect(m.matches({ a: 'bcd' })).toBe(true);
    expect(m.matches({ a: 'xbcd' })).toBe(false);
    expect(m.matches({ a: 'b\nc' })).toBe(false);
    expect(compileMatcher({ name: 'x', type: '=', value: '' }).matches({})).toBe(true);
    expect(compileMatcher({ name: 'x', type: '!~', value: 'y' }).matches({})).toBe(true);
  });
});
