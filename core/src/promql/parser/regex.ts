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
  if (/\(\?[a-zA-Z-]*i/.test(src)) src = expandCaseInsensitiveGroups(src);
  return { source: src, flags };
}

function swapCase(c: string): string {
  const u = c.toUpperCase();
  return u === c ? c.toLowerCase() : u;
}

/**
 * JavaScript (before Node 23) has no inline modifiers, so `(?i:abc)` and
 * `(x(?i)abc)` are rewritten into explicit classes: `(?:[aA][bB][cC])`.
 */
function expandCaseInsensitiveGroups(src: string): string {
  let out = '';
  // One entry per open group: is the group case-insensitive?
  const stack: boolean[] = [];
  let ci = false;
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      let esc = src.slice(i, i + 2);
      if ((src[i + 1] === 'p' || src[i + 1] === 'P' || src[i + 1] === 'x') && src[i + 2] === '{') {
        esc = src.slice(i, src.indexOf('}', i) + 1);
      }
      out += esc;
      i += esc.length;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      const body = src.slice(i + 1, j);
      if (!ci) {
        out += `[${body}]`;
      } else {
        const neg = body.startsWith('^');
        const inner = neg ? body.slice(1) : body;
        let extra = '';
        for (let k = 0; k < inner.length; k++) {
          if (inner[k] === '\\') {
            k++;
            continue;
          }
          const a = inner[k]!;
          if (inner[k + 1] === '-' && k + 2 < inner.length && /[a-zA-Z]/.test(a) && /[a-zA-Z]/.test(inner[k + 2]!)) {
            extra += `${swapCase(a)}-${swapCase(inner[k + 2]!)}`;
            k += 2;
          } else if (/[a-zA-Z]/.test(a)) {
            extra += swapCase(a);
          }
        }
        out += `[${neg ? '^' : ''}${inner}${extra}]`;
      }
      i = j + 1;
      continue;
    }
    if (c === '(') {
      const m = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(src.slice(i));
      if (m && (m[1]!.length > 0 || m[2] !== undefined)) {
        const on = m[1]!.includes('i');
        const off = (m[2] ?? '').includes('i');
        if (m[3] === ')') {
          // Flags for the rest of the enclosing group.
          if (on) ci = true;
          if (off) ci = false;
          i += m[0].length;
          continue;
        }
        stack.push(ci);
        if (on) ci = true;
        if (off) ci = false;
        out += '(?:';
        i += m[0].length;
        continue;
      }
      stack.push(ci);
      out += c;
      i++;
      continue;
    }
    if (c === ')') {
      ci = stack.pop() ?? false;
      out += c;
      i++;
      continue;
    }
    out += ci && /[a-zA-Z]/.test(c) ? `[${c}${swapCase(c)}]` : c;
    i++;
  }
  return out;
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
