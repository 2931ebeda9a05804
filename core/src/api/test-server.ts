import Fastify, { type FastifyInstance } from 'fastify';
import type { StorageStats } from '@panoptes/storage';
import { MemoryQueryable } from '../promql/index.js';
import type { ApiDeps, QueryLimits } from './deps.js';
import { registerPrometheusApi } from './prometheus-api.js';

/** A Fastify instance with only the Prometheus API over an in-memory store, for tests. */
export async function createTestApi(opts: { now?: number; limits?: Partial<QueryLimits> } = {}): Promise<{ app: FastifyInstance; store: MemoryQueryable }> {
  const store = new MemoryQueryable();
  const stats: StorageStats = {
    series: 0, samples: 0, chunks: 0, minTime: null, maxTime: null, bytesOnDisk: {}, headSeries: 0, headChunks: 0,
    labelValueCountByLabelName: [], seriesCountByMetricName: [], seriesCountByLabelValuePair: [], memoryInBytesByLabelName: [],
  };
  const deps: ApiDeps = {
    queryable: () => store,
    limits: () => ({ lookbackDelta: 300_000, timeout: 120_000, maxSamples: 50_000_000, ...opts.limits }),
    stats: async () => stats,
    buildInfo: () => ({ version: '0.1.0', revision: 'test', branch: 'main', buildUser: 'panoptes', buildDate: 'unknown', goVersion: 'node' }),
    flags: () => ({ 'config.file': 'panoptes.yml' }),
    configYaml: () => 'global: {}\n',
    runtimeInfo: () => ({ startTime: new Date(0).toISOString() }),
    now: () => opts.now ?? 1_000_000,
  };
  const app = Fastify();
  await app.register(async (scope) => registerPrometheusApi(scope, deps));
  await app.ready();
  return { app, store };
}
