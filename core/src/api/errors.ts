import { PromQLEvalError, PromQLParseError } from '../promql/index.js';

/** Prometheus API error types and the HTTP status each answers with. */
export const ERROR_STATUS = {
  bad_data: 400,
  execution: 422,
  timeout: 503,
  canceled: 499,
  internal: 500,
  not_found: 404,
  not_acceptable: 406,
  unavailable: 500,
} as const satisfies Record<string, number>;

export type ApiErrorType = keyof typeof ERROR_STATUS;

/** An error answered with the Prometheus error envelope. */
export class ApiError extends Error {
  readonly code: string;
  constructor(readonly type: ApiErrorType, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiError';
    this.code = `PNP_API_${type.toUpperCase()}`;
  }
}

/** `invalid parameter "step": ...`, as Prometheus words bad parameters. */
export function invalidParam(name: string, err: unknown): ApiError {
  const msg = err instanceof Error ? err.message : String(err);
  return new ApiError('bad_data', `invalid parameter ${JSON.stringify(name)}: ${msg}`, { cause: err });
}

/** Maps any error to an API error: the single place errors become HTTP statuses. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof PromQLParseError) return invalidParam('query', err);
  if (err instanceof PromQLEvalError) {
    const type: ApiErrorType = err.kind === 'timeout' ? 'timeout' : err.kind === 'canceled' ? 'canceled' : err.kind === 'bad_data' ? 'bad_data' : 'execution';
    return new ApiError(type, err.message, { cause: err });
  }
  const e = err as { code?: string; message?: string } | undefined;
  if (e?.code === 'PNP_SERVER_NOT_READY') return new ApiError('unavailable', e.message ?? 'not ready', { cause: err });
  return new ApiError('internal', e?.message ?? String(err), { cause: err });
}
