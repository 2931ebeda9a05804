import type { Labels } from '@panoptes/storage';
import type { Expr, Matcher, VectorSelector } from '../promql/parser/ast.js';
import { compileMatcherRegex } from '../promql/parser/regex.js';
import { labelsJson, timestampJson, valueJson } from './json.js';

/** One exemplar as the API's reader gets it (the ingest area's store fills these). */
export interface ApiExemplar {
  readonly seriesLabels: Labels;
  readonly labels: Labels;
  readonly value: number;
  readonly timestamp: number;
}

/** Every vector selector in an expression, wherever it sits (aggregations, calls, subqueries). */
export function selectorsOf(expr: Expr): VectorSelector[] {
  const out: VectorSelector[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if ((node as { type?: string }).type === 'VectorSelector') {
      out.push(node as VectorSelector);
      return;
    }
    for (const child of Object.values(node)) {
      if (Array.isArray(child)) child.forEach(visit);
      else visit(child);
    }
  };
  visit(expr);
  return out;
}

function matcherFn(m: Matcher): (value: string) => boolean {
  switch (m.type) {
    case '=':
      return (v) => v === m.value;
    case '!=':
      return (v) => v !== m.value;
    case '=~': {
      const re = compileMatcherRegex(m.value);
      return (v) => re.test(v);
    }
    default: {
      const re = compileMatcherRegex(m.value);
      return (v) => !re.test(v);
    }
  }
}

/**
 * A predicate true for series any selector of the query selects, as
 * Prometheus' query_exemplars does (a missing label matches as "").
 */
export function seriesPredicate(expr: Expr): (series: Labels) => boolean {
  const selectors = selectorsOf(expr).map((s) => s.matchers.map((m) => ({ name: m.name, test: matcherFn(m) })));
  return (series) =>
    selectors.some((matchers) => matchers.every((m) => m.test(series.find((l) => l.name === m.name)?.value ?? '')));
}

/** The `data` array of /api/v1/query_exemplars: exemplars grouped by series, in first-seen order. */
export function exemplarsJson(exemplars: readonly ApiExemplar[]): string {
  const bySeries = new Map<string, string[]>();
  for (const e of exemplars) {
    const key = labelsJson(e.seriesLabels);
    let list = bySeries.get(key);
    if (!list) bySeries.set(key, (list = []));
    list.push(`{"labels":${labelsJson(e.labels)},"value":${valueJson(e.value)},"timestamp":${timestampJson(e.timestamp)}}`);
  }
  return `[${[...bySeries].map(([series, list]) => `{"seriesLabels":${series},"exemplars":[${list.join(',')}]}`).join(',')}]`;
}
