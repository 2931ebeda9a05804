import { ScrapeError } from '../errors.js';

/**
 * Compiles an RE2 regular expression the way Prometheus anchors relabel
 * regexes, `^(?s:re)$`, into a JavaScript RegExp. RE2 syntax JavaScript
 * reads differently is translated (`(?P<name>` named groups, a leading
 * `(?i)`); constructs RE2 does not have (look-around, back-references) are
 * refused at config load so a config that Prometheus rejects is rejected here too.
 */
export function compileAnchoredRegex(source: string, where: string): RegExp {
  let re = source;
  let flags = 's';
  const inline = /^\(\?([imsU]+)\)/.exec(re);
  if (inline) {
    if (inline[1]!.includes('i')) flags += 'i';
    if (inline[1]!.includes('m')) flags += 'm';
    re = re.slice(inline[0].length);
  }
  if (/\(\?<?[=!]/.test(re)) throw new ScrapeError('PNP_SCRAPE_RELABEL_CONFIG', `${where}: regex ${JSON.stringify(source)} uses look-around, which RE2 does not support`);
  if (/\\[1-9]|\\k</.test(re)) throw new ScrapeError('PNP_SCRAPE_RELABEL_CONFIG', `${where}: regex ${JSON.stringify(source)} uses a back-reference, which RE2 does not support`);
  re = re.replace(/\(\?P<(\w+)>/g, '(?<$1>');
  try {
    return new RegExp(`^(?:${re})$`, flags);
  } catch (err) {
    throw new ScrapeError('PNP_SCRAPE_RELABEL_CONFIG', `${where}: invalid regex ${JSON.stringify(source)}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}` and `$$`. In `$name`
 * the name is the longest run of letters, digits and underscores, so `$1x`
 * means the group named `1x` (empty), as in Prometheus; write `${1}x`.
 * Unknown groups expand to the empty string.
 */
export function expandTemplate(template: string, match: RegExpExecArray): string {
  if (!template.includes('$')) return template;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = template[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    let name: string;
    if (next === '{') {
      const close = template.indexOf('}', i + 2);
      const inner = close > 0 ? template.slice(i + 2, close) : '';
      if (close < 0 || !/^\w+$/.test(inner)) {
        // Go leaves a malformed reference as written.
        out += '$';
        i++;
        continue;
      }
      name = inner;
      i = close + 1;
    } else {
      const m = /^\w+/.exec(template.slice(i + 1));
      if (!m) {
        out += '$';
        i++;
        continue;
      }
      name = m[0];
      i += 1 + name.length;
    }
    if (/^\d+$/.test(name)) out += match[Number(name)] ?? '';
    else out += match.groups?.[name] ?? '';
  }
  return out;
}
