import { describe, expect, it } from 'vitest';
import { localDiagnostics, serverDiagnostic } from './diagnostics.js';
import { highlightHtml } from './highlight.js';

describe('localDiagnostics', () => {
  it('accepts a well-formed query', () => {
    expect(localDiagnostics('sum(rate(x{a="b"}[5m]))')).toEqual([]);
  });
  it('reports an unclosed bracket at the bracket', () => {
    expect(localDiagnostics('sum(rate(x[5m])')).toEqual([{ start: 3, end: 4, message: 'unclosed "("' }]);
  });
  it('reports a mismatched closer and an unterminated string', () => {
    expect(localDiagnostics('x{a="b"]')[0]).toMatchObject({ start: 7, message: '"]" does not close "{" at 1:2' });
    expect(localDiagnostics('x{a="b}')[0]).toMatchObject({ start: 4, message: 'unterminated string' });
  });
});

describe('serverDiagnostic', () => {
  it('reads the line:column form, on any line', () => {
    expect(serverDiagnostic('up == == 1', '1:7: parse error: unexpected <op:==>')).toEqual({ start: 6, end: 7, message: 'unexpected <op:==>' });
    expect(serverDiagnostic('sum(\n  up +)', 'invalid parameter "query": 2:7: parse error: unexpected ")"')).toMatchObject({ start: 11 });
  });
  it('reads ranged spans and the old "at char" form', () => {
    expect(serverDiagnostic('rate(up)', '1:6-1:8: parse error: expected type range vector')).toEqual({ start: 5, end: 7, message: 'expected type range vector' });
    expect(serverDiagnostic('up +', 'parse error at char 5: unexpected end of input')).toMatchObject({ start: 4 });
  });
  it('returns undefined when the message names no position', () => {
    expect(serverDiagnostic('up', 'query timed out')).toBeUndefined();
  });
});

describe('highlightHtml', () => {
  it('escapes text, marks the diagnostic range and keeps the source text', () => {
    const html = highlightHtml('x{a="<b>"} == == 1', [{ start: 14, end: 16, message: '' }]);
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain('<span class="tok-operator tok-mark">==</span>');
    expect(html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')).toBe('x{a="<b>"} == == 1\n');
  });
});
