import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from './deps.js';
import { ApiError } from './errors.js';
import { goJsonString } from './json.js';
import { Params } from './params.js';
import { sendError, sendSuccess } from './respond.js';

function json(v: unknown): string {
  // Go-style escaping on top of JSON.stringify for any strings inside.
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function registerStatusRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/api/v1/status/buildinfo', async (_req, reply) => sendSuccess(reply, json(deps.buildInfo())));
  app.get('/api/v1/status/runtimeinfo', async (_req, reply) => sendSuccess(reply, json(deps.runtimeInfo())));
  app.get('/api/v1/status/flags', async (_req, reply) => sendSuccess(reply, json(deps.flags())));
  app.get('/api/v1/status/config', async (_req, reply) => sendSuccess(reply, `{"yaml":${goJsonString(deps.configYaml())}}`));
  app.get('/api/v1/status/walreplay', async (_req, reply) => sendSuccess(reply, '{"min":0,"max":0,"current":0}'));
  app.get('/api/v1/status/tsdb', async (req, reply) => {
    try {
      const p = new Params(req);
      const limit = p.has('limit') ? Number(p.get('limit')) : 10;
      if (!Number.isInteger(limit) || limit < 1) throw new ApiError('bad_data', 'limit must be a positive number');
      const s = await deps.stats(limit);
      const cut = <T>(a: readonly T[]): T[] => a.slice(0, limit);
      const data = {
        headStats: {
          numSeries: s.headSeries,
          numLabelPairs: s.seriesCountByLabelValuePair.length,
          chunkCount: s.headChunks,
          minTime: s.minTime ?? 0,
          maxTime: s.maxTime ?? 0,
        },
        seriesCountByMetricName: cut(s.seriesCountByMetricName),
        labelValueCountByLabelName: cut(s.labelValueCountByLabelName),
        memoryInBytesByLabelName: cut(s.memoryInBytesByLabelName),
        seriesCountByLabelValuePair: cut(s.seriesCountByLabelValuePair),
      };
      return sendSuccess(reply, json(data));
    } catch (err) {
      return sendError(reply, err);
    }
  });
}
