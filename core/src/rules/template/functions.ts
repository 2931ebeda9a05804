import { parseDuration } from '../../config/index.js';
import { printValue, truthy, type TemplateFunc } from './exec.js';
import { humanize, humanize1024, humanizeDuration, humanizePercentage, humanizeTimestamp } from './humanize.js';
import { sprintf } from './printf.js';

/** One sample of a template `query` result: what `.Labels` and `.Value` read. */
export interface QueryResultSample {
  readonly Labels: Readonly<Record<string, string>>;
  readonly Value: number;
}

/** Runs a PromQL instant query for templates; undefined when templates may not query. */
export type TemplateQuery = (expr: string) => Promise<QueryResultSample[]>;

export interface FunctionContext {
  readonly query?: TemplateQuery;
  readonly externalURL: string;
  /** Evaluation time, ms. */
  readonly now: number;
}

/** Go's convertToFloat: numbers pass, strings are parsed, anything else is an error. */
export function toFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[-+]?inf(inity)?$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
    if (/^nan$/i.test(t)) return NaN;
    const n = Number(t);
    if (t === '' || Number.isNaN(n)) throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
    return n;
  }
  throw new Error(`can't convert ${printValue(v)} to float`);
}

function cmp(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new Error('incompatible types for comparison');
}

function goRegex(re: string): RegExp {
  // Go RE2 syntax is close enough to JS for template use; anchoring is the caller's.
  return new RegExp(re);
}

/** Go regexp's ReplaceAllString expands $1 and ${name}; JS uses $1 and $<name>. */
function goReplacement(repl: string): string {
  return repl.replace(/\$\{(\w+)\}/g, (_m, name: string) => (/^\d+$/.test(name) ? `$${name}` : `$<${name}>`));
}

function title(s: string): string {
  return s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase());
}

const htmlEscapes: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;' };

/** The functions Prometheus gives alert templates, plus Go's template built-ins. */
export function templateFunctions(ctx: FunctionContext): Record<string, TemplateFunc> {
  const fns: Record<string, TemplateFunc> = {
    // Go built-ins
    and: (...xs) => xs.find((x) => !truthy(x)) ?? xs[xs.length - 1],
    or: (...xs) => xs.find((x) => truthy(x)) ?? xs[xs.length - 1],
    not: (x) => !truthy(x),
    len: (x) => {
      if (typeof x === 'string' || Array.isArray(x)) return x.length;
      if (x && typeof x === 'object') return Object.keys(x).length;
      throw new Error(`len of ${printValue(x)}`);
    },
    index: (x, ...keys) =>
      keys.reduce((cur, k) => {
        if (Array.isArray(cur)) {
          if (typeof k !== 'number' || k < 0 || k >= cur.length) throw new Error(`index out of range: ${printValue(k)}`);
          return cur[k];
        }
        if (cur && typeof cur === 'object') return (cur as Record<string, unknown>)[String(k)] ?? '';
        throw new Error(`can't index item of type ${typeof cur}`);
      }, x),
    print: (...xs) => xs.map((x, i) => (i > 0 && typeof x !== 'string' && typeof xs[i - 1] !== 'string' ? ' ' : '') + printValue(x)).join(''),
    println: (...xs) => `${xs.map(printValue).join(' ')}\n`,
    printf: (format, ...xs) => sprintf(String(format), xs),
    eq: (a, ...bs) => bs.some((b) => a === b),
    ne: (a, b) => a !== b,
    lt: (a, b) => cmp(a, b) < 0,
    le: (a, b) => cmp(a, b) <= 0,
    gt: (a, b) => cmp(a, b) > 0,
    ge: (a, b) => cmp(a, b) >= 0,
    html: (...xs) => xs.map(printValue).join('').replace(/[<>&'"]/g, (c) => htmlEscapes[c]!),
    urlquery: (...xs) => encodeURIComponent(xs.map(printValue).join('')).replace(/%20/g, '+'),
    js: (...xs) => JSON.stringify(xs.map(printValue).join('')).slice(1, -1),

    // Prometheus
    query: async (expr) => {
      if (!ctx.query) throw new Error('query is not available in this template');
      return ctx.query(String(expr));
    },
    first: (v) => {
      if (!Array.isArray(v) || v.length === 0) throw new Error('first() called on vector with no elements');
      return v[0];
    },
    label: (name, s) => (s as QueryResultSample | undefined)?.Labels?.[String(name)] ?? '',
    value: (s) => (s as QueryResultSample).Value,
    strvalue: (s) => (s as QueryResultSample | undefined)?.Labels?.__value__ ?? '',
    sortByLabel: (name, v) =>
      [...(v as QueryResultSample[])].sort((a, b) => {
        const x = a.Labels[String(name)] ?? '';
        const y = b.Labels[String(name)] ?? '';
        return x < y ? -1 : x > y ? 1 : 0;
      }),
    humanize: (v) => humanize(toFloat(v)),
    humanize1024: (v) => humanize1024(toFloat(v)),
    humanizeDuration: (v) => humanizeDuration(toFloat(v)),
    humanizePercentage: (v) => humanizePercentage(toFloat(v)),
    humanizeTimestamp: (v) => humanizeTimestamp(toFloat(v)),
    toTime: (v) => new Date(toFloat(v) * 1000),
    toDuration: (v) => toFloat(v),
    now: () => ctx.now / 1000,
    title: (s) => title(String(s)),
    toUpper: (s) => String(s).toUpperCase(),
    toLower: (s) => String(s).toLowerCase(),
    match: (re, s) => goRegex(String(re)).test(String(s)),
    reReplaceAll: (re, repl, s) => String(s).replace(new RegExp(goRegex(String(re)).source, 'g'), goReplacement(String(repl))),
    stripPort: (hostPort) => {
      const s = String(hostPort);
      const m = /^\[([^\]]+)\](?::\d*)?$/.exec(s) ?? /^([^:]*):\d*$/.exec(s);
      return m ? m[1]! : s;
    },
    stripDomain: (hostPort) => {
      const s = String(hostPort);
      const m = /^([^:]*)(:\d*)?$/.exec(s);
      if (!m || /^\d+\.\d+\.\d+\.\d+$/.test(m[1]!)) return s;
      return m[1]!.split('.')[0]! + (m[2] ?? '');
    },
    parseDuration: (s) => {
      const ms = parseDuration(String(s));
      if (ms === undefined) throw new Error(`not a valid duration string: ${JSON.stringify(s)}`);
      return ms / 1000;
    },
    externalURL: () => ctx.externalURL,
    pathPrefix: () => {
      try {
        return new URL(ctx.externalURL).pathname.replace(/\/$/, '');
      } catch {
        return '';
      }
    },
    safeHtml: (s) => String(s),
    urlQueryEscape: (s) => encodeURIComponent(String(s)).replace(/%20/g, '+'),
    args: (...xs) => Object.fromEntries(xs.map((x, i) => [`arg${i}`, x])),
    graphLink: (expr) => `/graph?g0.expr=${encodeURIComponent(String(expr))}&g0.tab=0`,
    tableLink: (expr) => `/graph?g0.expr=${encodeURIComponent(String(expr))}&g0.tab=1`,
  };
  return fns;
}
