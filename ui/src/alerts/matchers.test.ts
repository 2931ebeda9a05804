import { describe, expect, it } from 'vitest';
import { MatcherSyntaxError, formatMatchers, matchersFromLabels, parseMatchers } from './matchers.js';

describe('silence matchers', () => {
  it('round-trips labels of an alert through text', () => {
    const m = matchersFromLabels({ severity: 'critical', alertname: 'High "CPU"' });
    const text = formatMatchers(m);
    expect(text).toBe('{alertname="High \\"CPU\\"", severity="critical"}');
    expect(parseMatchers(text)).toEqual(m);
  });
  it('reads all four operators, with or without braces and quotes', () => {
    expect(parseMatchers('a!=b, c=~"x.*", d!~y')).toEqual([
      { name: 'a', value: 'b', isRegex: false, isEqual: false },
      { name: 'c', value: 'x.*', isRegex: true, isEqual: true },
      { name: 'd', value: 'y', isRegex: true, isEqual: false },
    ]);
  });
  it('refuses empty, unreadable and match-everything input with a reason', () => {
    expect(() => parseMatchers('{}')).toThrow(MatcherSyntaxError);
    expect(() => parseMatchers('a b')).toThrow(/cannot read a matcher|expected ","/);
    expect(() => parseMatchers('a=~".*"')).toThrow(/every alert/);
    expect(() => parseMatchers('{a="b"')).toThrow(/do not end with/);
  });
});
