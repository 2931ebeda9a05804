import type { Labels } from '@panoptes/storage';
import { PromQLEvalError } from '../errors.js';
import { compileMatcherRegex } from '../parser/regex.js';
import { getLabel, METRIC_NAME, setLabel } from '../engine/labels.js';
import type { Sample } from '../engine/types.js';

const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Label names are valid UTF-8 and not empty (Prometheus 3 accepts any UTF-8). */
export function isValidLabelName(name: string): boolean {
  return name !== '' && !name.includes('\uFFFD') && (LEGACY_LABEL.test(name) || !/[\ud800-\udfff]/.test(name));
}

/** Go's Regexp.Expand: $1, ${1}, $name, ${name}, $$. */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== '$' || i === template.length - 1) {
      out += c;
      continue;
    }
    const next = template[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string;
    if (next === '{') {
      const close = template.indexOf('}', i + 2);
      name = close < 0 ? '' : template.slice(i + 2, close);
      if (close < 0 || !/^[a-zA-Z0-9_]+$/.test(name)) {
        out += c;
        continue;
      }
      i = close;
    } else {
      const mm = /^[a-zA-Z0-9_]+/.exec(template.slice(i + 1));
      if (!mm) {
        out += c;
        continue;
      }
      name = mm[0];
      i += name.length;
    }
    if (/^[0-9]+$/.test(name)) out += m[Number(name)] ?? '';
    else out += m.groups?.[name] ?? '';
  }
  return out;
}

export function labelReplace(vec: Sample[], dst: string, replacement: string, src: string, regex: string): Sample[] {
  let re: RegExp;
  try {
    re = compileMatcherRegex(regex);
  } catch (e) {
    throw new PromQLEvalError(`invalid regular expression in label_replace(): ${regex}`, { cause: e });
  }
  if (!isValidLabelName(dst)) throw new PromQLEvalError(`invalid destination label name in label_replace(): ${dst}`);
  return vec.map((s) => {
    const m = re.exec(getLabel(s.metric, src));
    if (!m) return s;
    const value = expandTemplate(replacement, m);
    return { metric: setLabel(s.metric, dst, value), f: s.f, dropName: dst === METRIC_NAME ? false : s.dropName };
  });
}

export function labelJoin(vec: Sample[], dst: string, sep: string, srcs: string[]): Sample[] {
  if (!isValidLabelName(dst)) throw new PromQLEvalError(`invalid destination label name in label_join(): ${dst}`);
  for (const s of srcs) if (!isValidLabelName(s)) throw new PromQLEvalError(`invalid source label name in label_join(): ${s}`);
  return vec.map((s) => {
    const value = srcs.map((n) => getLabel(s.metric, n)).join(sep);
    return { metric: setLabel(s.metric, dst, value), f: s.f, dropName: dst === METRIC_NAME ? false : s.dropName };
  });
}

/** Labels for absent(): the equality matchers, minus names matched in any other way. */
export function absentLabels(matchers: readonly { type: string; name: string; value: string }[]): Labels {
  const set = new Map<string, string | null>();
  for (const m of matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !set.has(m.name)) set.set(m.name, m.value);
    else set.set(m.name, null);
  }
  const out: { name: string; value: string }[] = [];
  for (const [name, value] of set) if (value !== null && value !== '') out.push({ name, value });
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
