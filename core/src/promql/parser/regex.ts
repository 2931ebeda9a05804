/**
 * Label matcher regular expressions. Prometheus uses Go's RE2 syntax, fully
 * anchored and dot-all (`^(?s:re)$`). JavaScript's syntax differs in a few
 * places that PromQL users hit: inline flags such as a leading `(?i)`, named
 * groups `(?P<n>...)`, `\z` and POSIX classes. We translate those and let the
 * JavaScript engine reject the rest.
 */

const POSIX: Record<string, string> = {
  alnum: 'a-zA-Z0-9', alpha: 'a-zA-Z', ascii: '\\x00-\\x7f', blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f', digit: '0-9', graph: '!-~', lower: 'a-z',
  print: ' -~', punct: '!-/:-@\\[-`{-~', space: ' \\t\\n\\v\\f\\r', upper: 'A-Z',
  word: 'a-zA-Z0-9_', xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp>();

/** Translates RE2 syntax to a JavaScript pattern and flags. */
export function translateRegex(re: string): { source: string; flags: string } {
  let flags = 's';
  let src = re;
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1]!.includes('i')) flags += 'i';
    if (lead[1]!.includes('m')) flags += 'm';
    src = src.slice(lead[0].length);
  }
  src = src
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$')
    .replace(/\\A/g, '^')
    .replace(/\[:(\^?)([a-z]+):\]/g, (all, neg: string, name: string) => {
      const cls = POSIX[name];
      if (!cls) return all;
      return neg ? `^${cls}` : cls;
    });
  return { source: src, flags };
}

/** Compiles a matcher regex, anchored at both ends; throws on bad syntax. */
export function compileMatcherRegex(re: string): RegExp {
  let r = cache.get(re);
  if (r) return r;
  const { source, flags } = translateRegex(re);
  try {
    r = new RegExp(`^(?:${source})$`, flags + 'u');
  } catch {
    // Go accepts escapes of any punctuation (`\-`), which unicode mode refuses.
    r = new RegExp(`^(?:${source})$`, flags);
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(re, r);
  return r;
}

/** Compiles an unanchored-by-caller regex used by label_replace (anchored too). */
export function compileAnchoredRegex(re: string): RegExp {
  return compileMatcherRegex(re);
}
