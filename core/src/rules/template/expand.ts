import { execTemplate, type TemplateFunc } from './exec.js';
import { templateFunctions, type TemplateQuery } from './functions.js';
import { parseTemplate, type Node, type ParsedTemplate } from './parse.js';

/** What an alert's label and annotation templates see. */
export interface AlertTemplateData {
  /** The result sample's labels (may still hold `__name__`). */
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly externalURL: string;
}

export interface ExpandOptions {
  readonly query?: TemplateQuery;
  /** Evaluation time, ms. */
  readonly now: number;
}

const cache = new Map<string, ParsedTemplate | Error>();

/** Every function a template may call, for Go's parse-time check. */
const KNOWN_FUNCTIONS: ReadonlySet<string> = new Set(Object.keys(templateFunctions({ externalURL: '', now: 0 })));
const CACHE_LIMIT = 10_000;

/** Parses a template, caching by text; throws the syntax error. */
export function compileTemplate(text: string): ParsedTemplate {
  let hit = cache.get(text);
  if (hit === undefined) {
    try {
      hit = parseTemplate(text, KNOWN_FUNCTIONS);
    } catch (err) {
      hit = err as Error;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, hit);
  }
  if (hit instanceof Error) throw hit;
  return hit;
}

/** Prometheus' template prelude: `$labels`, `$externalLabels`, `$externalURL`, `$value`. */
const PRELUDE: Node[] = (
  [
    ['$labels', 'Labels'],
    ['$externalLabels', 'ExternalLabels'],
    ['$externalURL', 'ExternalURL'],
    ['$value', 'Value'],
  ] as const
).map(([variable, field]) => ({ kind: 'action', pipe: { decl: [variable], assign: false, cmds: [{ args: [{ kind: 'dot', fields: [field] }] }] } }));

/** Function tables per options object: one evaluation shares one table across all its templates. */
const funcsByOptions = new WeakMap<ExpandOptions, WeakMap<object, Record<string, TemplateFunc>>>();

function functionsFor(opts: ExpandOptions, externalURL: string): Record<string, TemplateFunc> {
  let byUrl = funcsByOptions.get(opts);
  if (!byUrl) funcsByOptions.set(opts, (byUrl = new WeakMap()));
  const key = urlKeys.get(externalURL) ?? urlKeys.set(externalURL, {}).get(externalURL)!;
  let funcs = byUrl.get(key);
  if (!funcs) byUrl.set(key, (funcs = templateFunctions({ query: opts.query, externalURL, now: opts.now })));
  return funcs;
}
const urlKeys = new Map<string, object>();

/**
 * Expands one label or annotation template the way Prometheus does: with
 * `$labels`, `$externalLabels`, `$externalURL` and `$value` declared (its
 * template prelude), and the dot being `{Labels, ExternalLabels, ExternalURL,
 * Value}`. A failure never fails the rule; the text becomes
 * `<error expanding template: …>`. The result is a promise only when the
 * template called an asynchronous function (`query`).
 */
export function expandAlertTemplate(name: string, text: string, data: AlertTemplateData, opts: ExpandOptions): string | Promise<string> {
  if (!text.includes('{{')) return text;
  const failed = (err: unknown) => `<error expanding template: template: ${name}: ${(err as Error).message}>`;
  try {
    const { nodes, defs } = compileTemplate(text);
    const dot = { Labels: data.labels, ExternalLabels: data.externalLabels, ExternalURL: data.externalURL, Value: data.value };
    const out = execTemplate([...PRELUDE, ...nodes], dot, functionsFor(opts, data.externalURL), defs);
    return typeof out === 'string' ? out : out.catch(failed);
  } catch (err) {
    return failed(err);
  }
}

/** Why a template does not parse, or undefined when it does (for `check rules`). */
export function templateProblem(text: string): string | undefined {
  try {
    compileTemplate(text);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
