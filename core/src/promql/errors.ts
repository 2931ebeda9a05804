/**
 * Errors the PromQL engine raises while preparing or evaluating a query.
 * The API maps them to Prometheus error types: execution (422), timeout
 * (503), canceled (499); parse errors are bad_data (400).
 */

export type PromQLErrorKind = 'execution' | 'timeout' | 'canceled' | 'bad_data';

export class PromQLEvalError extends Error {
  readonly code: string = 'PNP_PROMQL_EXECUTION';
  readonly kind: PromQLErrorKind = 'execution';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PromQLEvalError';
  }
}

export class PromQLTimeoutError extends PromQLEvalError {
  override readonly code = 'PNP_PROMQL_TIMEOUT';
  override readonly kind = 'timeout';
  constructor(what: string) {
    super(`query timed out in ${what}`);
    this.name = 'PromQLTimeoutError';
  }
}

export class PromQLCanceledError extends PromQLEvalError {
  override readonly code = 'PNP_PROMQL_CANCELED';
  override readonly kind = 'canceled';
  constructor(what: string) {
    super(`query was canceled in ${what}`);
    this.name = 'PromQLCanceledError';
  }
}

export class PromQLTooManySamplesError extends PromQLEvalError {
  override readonly code = 'PNP_PROMQL_TOO_MANY_SAMPLES';
  constructor(what: string) {
    super(`query processing would load too many samples into memory in ${what}`);
    this.name = 'PromQLTooManySamplesError';
  }
}
