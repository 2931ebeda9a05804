import type { PositionRange } from './ast.js';

/**
 * A syntax or type error in a PromQL expression. The message reads like
 * Prometheus's: `1:14: parse error: unexpected ...`, with the line and the
 * 1-based column of the offending token.
 */
export class PromQLParseError extends Error {
  readonly code = 'PNP_PROMQL_PARSE';
  constructor(
    readonly detail: string,
    readonly pos: PositionRange,
    readonly query: string,
  ) {
    super(`${formatPosition(query, pos.start)} parse error: ${detail}`);
    this.name = 'PromQLParseError';
  }
}

/** `line:col:` of a byte offset, Prometheus style (columns count from 1). */
export function formatPosition(query: string, offset: number): string {
  if (offset < 0 || offset > query.length) return 'invalid position:';
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < offset; i++) {
    if (query.charCodeAt(i) === 10) {
      line++;
      lastBreak = i;
    }
  }
  return `${line}:${offset - lastBreak}:`;
}

/** `(line:col)` as annotations print it. */
export function positionSuffix(query: string, offset: number): string {
  const p = formatPosition(query, offset);
  return `(${p.slice(0, -1)})`;
}
