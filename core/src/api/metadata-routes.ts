import type { Labels, LabelMatcher, Querier } from '@panoptes/storage';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { compareLabels, labelsKey } from '../promql/engine/labels.js';
import type { ApiDeps } from './deps.js';
import { ApiError } from './errors.js';
import { goJsonString, labelsJson } from './json.js';
import { limitParam, matcherSets, MAX_TIME, MIN_TIME, Params, timeParam, unescapeLabelName } from './params.js';
import { sendError, sendSuccess } from './respond.js';

const TRUNCATED = 'results truncated due to limit';

async function withQuerier<T>(deps: ApiDeps, p: Params, fn: (q: Querier, start: number, end: number) => Promise<T>): Promise<T> {
  const start = timeParam(p, 'start', MIN_TIME);
  const end = timeParam(p, 'end', MAX_TIME);
  if (end < start) throw new ApiError('bad_data', 'end timestamp must not be before start time');
  const querier = await deps.queryable().querier(start, end);
  try {
    return await fn(querier, start, end);
  } finally {
    await querier.close();
  }
}

function truncate<T>(items: T[], limit: number, warnings: string[]): T[] {
  if (limit > 0 && items.length > limit) {
    warnings.push(TRUNCATED);
    return items.slice(0, limit);
  }
  return items;
}

async function unionOver(sets: LabelMatcher[][], fn: (m: LabelMatcher[] | undefined) => Promise<string[]>): Promise<string[]> {
  if (sets.length === 0) return fn(undefined);
  const all = new Set<string>();
  for (const m of sets) for (const v of await fn(m)) all.add(v);
  return [...all].sort();
}

async function handleSeries(deps: ApiDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  try {
    const p = new Params(request);
    const sets = matcherSets(p);
    if (sets.length === 0) throw new ApiError('bad_data', 'no match[] parameter provided');
    const limit = limitParam(p);
    const warnings: string[] = [];
    const series = await withQuerier(deps, p, async (q, start, end) => {
      const byKey = new Map<string, Labels>();
      for (const m of sets) {
        for (const s of await q.select({ start, end, func: 'series' }, m)) byKey.set(labelsKey(s.labels), s.labels);
      }
      return [...byKey.values()].sort(compareLabels);
    });
    const out = truncate(series, limit, warnings);
    return sendSuccess(reply, `[${out.map(labelsJson).join(',')}]`, warnings);
  } catch (err) {
    return sendError(reply, err);
  }
}

async function handleLabels(deps: ApiDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  try {
    const p = new Params(request);
    const sets = matcherSets(p);
    const limit = limitParam(p);
    const warnings: string[] = [];
    const names = await withQuerier(deps, p, (q) => unionOver(sets, (m) => q.labelNames(m)));
    const out = truncate(names, limit, warnings);
    return sendSuccess(reply, `[${out.map(goJsonString).join(',')}]`, warnings);
  } catch (err) {
    return sendError(reply, err);
  }
}

async function handleLabelValues(deps: ApiDeps, request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply): Promise<FastifyReply> {
  try {
    const p = new Params(request);
    const name = unescapeLabelName(request.params.name);
    if (name === '' || name.includes('\uFFFD')) throw new ApiError('bad_data', `invalid label name: ${JSON.stringify(name)}`);
    const sets = matcherSets(p);
    const limit = limitParam(p);
    const warnings: string[] = [];
    const values = await withQuerier(deps, p, (q) => unionOver(sets, (m) => q.labelValues(name, m)));
    const out = truncate(values, limit, warnings);
    return sendSuccess(reply, `[${out.map(goJsonString).join(',')}]`, warnings);
  } catch (err) {
    return sendError(reply, err);
  }
}

/** Metric metadata (type, help, unit) as scrapes, remote write and OTLP reported it. */
async function handleMetadata(deps: ApiDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  try {
    const p = new Params(request);
    const limit = limitParam(p);
    const perMetric = p.has('limit_per_metric') ? Number(p.get('limit_per_metric')) : 0;
    if (!Number.isInteger(perMetric)) throw new ApiError('bad_data', 'limit_per_metric must be a number');
    const opts: { metric?: string; limit?: number; limitPerMetric?: number } = {};
    if (p.has('metric') && p.get('metric') !== '') opts.metric = p.get('metric');
    if (limit > 0) opts.limit = limit;
    if (perMetric > 0) opts.limitPerMetric = perMetric;
    return sendSuccess(reply, JSON.stringify(deps.metadata?.(opts) ?? {}));
  } catch (err) {
    return sendError(reply, err);
  }
}

export function registerMetadataRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const gp = ['GET', 'POST'] as const;
  app.route({ method: [...gp], url: '/api/v1/series', handler: (req, reply) => handleSeries(deps, req, reply) });
  app.route({ method: [...gp], url: '/api/v1/labels', handler: (req, reply) => handleLabels(deps, req, reply) });
  app.get<{ Params: { name: string } }>('/api/v1/label/:name/values', (req, reply) => handleLabelValues(deps, req, reply));
  app.get('/api/v1/metadata', (req, reply) => handleMetadata(deps, req, reply));
}
