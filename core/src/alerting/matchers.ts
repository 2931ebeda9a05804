import { AlertingError } from './errors.js';

export type MatchType = '=' | '!=' | '=~' | '!~';

/** An Alertmanager label matcher. Regexes are anchored `^(?:re)$` without dot-all, unlike PromQL's. */
export interface Matcher {
  readonly name: string;
  readonly type: MatchType;
  readonly value: string;
}

/** A compiled matcher: tests a label set. */
export interface CompiledMatcher extends Matcher {
  matches(labels: Readonly<Record<string, string>>): boolean;
}

export function compileMatcher(m: Matcher): CompiledMatcher {
  let test: (v: string) => boolean;
  if (m.type === '=~' || m.type === '!~') {
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${m.value})$`, 'u');
    } catch (err) {
      throw new AlertingError('PNP_ALERTING_MATCHER', `invalid regular expression in ${formatMatcher(m)}: ${(err as Error).message}`);
    }
    test = m.type === '=~' ? (v) => re.test(v) : (v) => !re.test(v);
  } else {
    test = m.type === '=' ? (v) => v === m.value : (v) => v !== m.value;
  }
  return { ...m, matches: (labels) => test(labels[m.name] ?? '') };
}

/** True when every matcher matches (an empty list matches everything). */
export function matchesAll(matchers: readonly CompiledMatcher[], labels: Readonly<Record<string, string>>): boolean {
  for (const m of matchers) if (!m.matches(labels)) return false;
  return true;
}

export function formatMatcher(m: Matcher): string {
  return `${m.name}${m.type}${JSON.stringify(m.value)}`;
}

const MATCHER = /^\s*([^\s=!~"{},]+|"(?:[^"\\]|\\.)*")\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|[^,}]*?)\s*$/su;

/**
 * Parses one matcher as Alertmanager writes them in config and API filters:
 * `name="value"`, `name=~"re"`, `name!=value` (unquoted values allowed,
 * trimmed), with optional surrounding braces for a single matcher.
 */
export function parseMatcher(text: string): Matcher {
  const inner = text.trim().replace(/^\{(.*)\}$/s, '$1');
  const m = MATCHER.exec(inner);
  if (!m) throw new AlertingError('PNP_ALERTING_MATCHER', `bad matcher format: ${text}`);
  const unquote = (s: string) => (s.startsWith('"') ? (JSON.parse(s.replace(/\\([^"\\nt])/g, '\\\\$1')) as string) : s);
  const name = unquote(m[1]!);
  const value = unquote(m[3]!);
  if (name === '') throw new AlertingError('PNP_ALERTING_MATCHER', `bad matcher format: ${text}: empty label name`);
  const matcher = { name, type: m[2] as MatchType, value };
  compileMatcher(matcher); // validates the regex
  return matcher;
}

/** Parses `{a="b", c=~"d"}` or `a="b", c=~"d"` into matchers (commas inside quotes are kept). */
export function parseMatchers(text: string): Matcher[] {
  const inner = text.trim().replace(/^\{(.*)\}$/s, '$1');
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\' && quoted) {
      cur += c + (inner[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim() !== '') parts.push(cur);
  return parts.filter((p) => p.trim() !== '').map(parseMatcher);
}

/** Deprecated `match` / `match_re` maps as matchers. */
export function matchersFromMaps(match?: Readonly<Record<string, string>>, matchRe?: Readonly<Record<string, string>>): Matcher[] {
  const out: Matcher[] = [];
  for (const [name, value] of Object.entries(match ?? {})) out.push({ name, type: '=', value });
  for (const [name, value] of Object.entries(matchRe ?? {})) out.push({ name, type: '=~', value });
  return out;
}
