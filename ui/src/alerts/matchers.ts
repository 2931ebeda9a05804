// Silence matchers as text ({alertname="X", severity=~"crit.*"}) and back, so a
// silence created from an alert can be reviewed and edited as one line.

import type { Labels, Matcher } from '../api/types.js';
import { MatcherSyntaxError } from '../errors.js';

export { MatcherSyntaxError };

export function matchersFromLabels(labels: Labels): Matcher[] {
  return Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
}

const opOf = (m: Matcher): string => (m.isRegex ? (m.isEqual === false ? '!~' : '=~') : m.isEqual === false ? '!=' : '=');

export function formatMatchers(matchers: Matcher[]): string {
  return `{${matchers.map((m) => `${m.name}${opOf(m)}${JSON.stringify(m.value)}`).join(', ')}}`;
}

const ONE = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|[^,}"]*)\s*/;

export function parseMatchers(text: string): Matcher[] {
  let rest = text.trim();
  if (rest.startsWith('{')) {
    if (!rest.endsWith('}')) throw new MatcherSyntaxError(`matchers start with "{" but do not end with "}": ${text}`);
    rest = rest.slice(1, -1);
  }
  const out: Matcher[] = [];
  while (rest.trim() !== '') {
    const m = ONE.exec(rest);
    if (!m) throw new MatcherSyntaxError(`cannot read a matcher at "${rest.trim().slice(0, 30)}": write name="value", name!="value", name=~"regex" or name!~"regex"`);
    const raw = m[3]!.trim();
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    const op = m[2]!;
    out.push({ name: m[1]!, value, isRegex: op.includes('~'), isEqual: !op.startsWith('!') });
    rest = rest.slice(m[0].length);
    if (rest.startsWith(',')) rest = rest.slice(1);
    else if (rest.trim() !== '') throw new MatcherSyntaxError(`expected "," between matchers at "${rest.trim().slice(0, 30)}"`);
  }
  if (out.length === 0) throw new MatcherSyntaxError('a silence needs at least one matcher');
  if (out.every((m) => (m.isRegex ? new RegExp(`^(?:${m.value})$`).test('') : m.value === '') === (m.isEqual !== false))) {
    throw new MatcherSyntaxError('these matchers would match every alert: add a matcher that needs a non-empty value');
  }
  return out;
}
