import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { exemplarsJson, seriesPredicate } from './exemplars.js';
import { Engine, parseExpr, printExpr, type QueryData, type QueryResult } from '../promql/index.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import type { ApiDeps } from './deps.js';
import { ApiError, invalidParam } from './errors.js';
import { goJsonString, queryDataJson } from './json.js';
import { durationParam, limitParam, Params, timeParam } from './params.js';
import { sendError, sendSuccess } from './respond.js';

/** Prometheus's guard against huge responses: points per series of a range query. */
const MAX_POINTS_PER_SERIES = 11_000;

function engineFor(deps: ApiDeps, p: Params): { engine: Engine; timeout: number; lookback: number | undefined } {
  const limits = deps.limits();
  const requested = durationParam(p, 'timeout');
  const timeout = requested !== undefined && requested > 0 ? Math.min(requested, limits.timeout || Infinity) : limits.timeout;
  const lookback = durationParam(p, 'lookback_delta');
  const engine = new Engine(deps.queryable(), { lookbackDelta: limits.lookbackDelta, maxSamples: limits.maxSamples, timeout });
  return { engine, timeout, lookback };
}

function queryParam(p: Params): string {
  const q = p.get('query');
  if (q === '') throw invalidParam('query', new Error('1:1: parse error: no expression found in input'));
  return q;
}

/** Applies `limit` to vectors and matrices, with Prometheus's warning. */
function applyLimit(data: QueryData, limit: number, warnings: string[]): QueryData {
  if (limit <= 0) return data;
  if ((data.resultType === 'vector' || data.resultType === 'matrix') && data.result.length > limit) {
    warnings.push('results truncated due to limit');
    return { ...data, result: data.result.slice(0, limit) } as QueryData;
  }
  return data;
}

/**
 * Runs `fn` with a signal that aborts when the client goes away. The
 * listeners are removed afterwards: a keep-alive socket serves many queries,
 * and listeners left on it would pile up with each one.
 */
async function abortOnClose<T>(request: FastifyRequest, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const onRequestClose = (): void => {
    if (!request.raw.complete) ac.abort();
  };
  const onSocketClose = (): void => ac.abort();
  request.raw.once('close', onRequestClose);
  request.socket.once('close', onSocketClose);
  try {
    return await fn(ac.signal);
  } finally {
    request.raw.off('close', onRequestClose);
    request.socket.off('close', onSocketClose);
  }
}

async function handleQuery(deps: ApiDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  try {
    const p = new Params(request);
    const query = queryParam(p);
    const time = timeParam(p, 'time', deps.now());
    const limit = limitParam(p);
    const { engine, lookback } = engineFor(deps, p);
    const res: QueryResult = await abortOnClose(request, (signal) => engine.instantQuery(query, time, { lookbackDelta: lookback, signal }));
    const warnings = [...res.warnings];
    const data = applyLimit(res.data, limit, warnings);
    return sendSuccess(reply, queryDataJson(data), warnings, res.infos);
  } catch (err) {
    return sendError(reply, err);
  }
}

async function handleQueryRange(deps: ApiDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  try {
    const p = new Params(request);
    const query = queryParam(p);
    if (!p.has('start')) throw invalidParam('start', new Error('cannot parse "" to a valid timestamp'));
    if (!p.has('end')) throw invalidParam('end', new Error('cannot parse "" to a valid timestamp'));
    const start = timeParam(p, 'start', 0);
    const end = timeParam(p, 'end', 0);
    if (end < start) throw new ApiError('bad_data', 'end timestamp must not be before start time');
    if (!p.has('step')) throw invalidParam('step', new Error('cannot parse "" to a valid duration'));
    const step = durationParam(p, 'step')!;
    if (step <= 0) throw new ApiError('bad_data', 'zero or negative query resolution step widths are not accepted. Try a positive integer');
    if ((end - start) / step > MAX_POINTS_PER_SERIES) {
      throw new ApiError('bad_data', 'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
    }
    const limit = limitParam(p);
    const { engine, lookback } = engineFor(deps, p);
    const res = await abortOnClose(request, (signal) => engine.rangeQuery(query, start, end, Math.max(1, Math.round(step)), { lookbackDelta: lookback, signal }));
    const warnings = [...res.warnings];
    const data = applyLimit(res.data, limit, warnings);
    return sendSuccess(reply, queryDataJson(data), warnings, res.infos);
  } catch (err) {
    return sendError(reply, err);
  }
}

async function handleFormatQuery(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  try {
    const p = new Params(request);
    const expr = parseExpr(queryParam(p));
    return sendSuccess(reply, goJsonString(printExpr(expr)));
  } catch (err) {
    return sendError(reply, err);
  }
}

/** Exemplars are not stored yet: validate like Prometheus, answer an empty list. */
async function handleExemplars(deps: ApiDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  try {
    const p = new Params(request);
    const expr = parseExpr(queryParam(p));
    const start = timeParam(p, 'start', -8_640_000_000_000);
    const end = timeParam(p, 'end', deps.now());
    if (end < start) throw new ApiError('bad_data', 'end timestamp must not be before start time');
    return sendSuccess(reply, exemplarsJson(deps.exemplars?.(start, end, seriesPredicate(expr)) ?? []));
  } catch (err) {
    return sendError(reply, err);
  }
}

export function registerQueryRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const gp = ['GET', 'POST'] as const;
  const gate = new ConcurrencyGate(() => deps.limits().maxConcurrency ?? 0);
  app.route({ method: [...gp], url: '/api/v1/query', handler: (req, reply) => gate.run(() => handleQuery(deps, req, reply)) });
  app.route({ method: [...gp], url: '/api/v1/query_range', handler: (req, reply) => gate.run(() => handleQueryRange(deps, req, reply)) });
  app.route({ method: [...gp], url: '/api/v1/format_query', handler: (req, reply) => handleFormatQuery(req, reply) });
  app.route({ method: [...gp], url: '/api/v1/query_exemplars', handler: (req, reply) => handleExemplars(deps, req, reply) });
}
