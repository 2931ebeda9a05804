import { hostname } from 'node:os';
import { parseDuration } from '../config/index.js';
import type { Area, AreaContext } from '../server/area.js';
import { ingestStoresFor } from '../ingest/shared-stores.js';
import { buildInfo } from '../version.js';
import type { ApiDeps } from './deps.js';
import { registerPrometheusApi } from './prometheus-api.js';

function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}

/** Adapts the server's context to what the API needs. */
export function depsFromContext(ctx: AreaContext): ApiDeps {
  let lastConfigTime = Date.now();
  ctx.onConfigApply(() => {
    lastConfigTime = Date.now();
  });
  return {
    queryable: () => ctx.storage,
    limits: () => {
      const q = ctx.config().query;
      return {
        lookbackDelta: parseDuration(q.lookback_delta) ?? 300_000,
        timeout: parseDuration(q.timeout) ?? 120_000,
        maxSamples: q.max_samples,
        maxConcurrency: q.max_concurrency,
      };
    },
    stats: (limit) => ctx.storage.stats({ limit }),
    buildInfo: () => ({ ...buildInfo() }),
    flags: () => ctx.flags,
    configYaml: () => ctx.loadedConfig().source,
    runtimeInfo: () => ({
      startTime: rfc3339(ctx.startTime),
      CWD: process.cwd(),
      hostname: hostname(),
      serverTime: rfc3339(Date.now()),
      reloadConfigSuccess: true,
      lastConfigTime: rfc3339(lastConfigTime),
      corruptionCount: 0,
      goroutineCount: 0,
      GOMAXPROCS: 1,
      GOMEMLIMIT: 0,
      GOGC: '',
      GODEBUG: '',
      storageRetention: ctx.config().storage.retention_time,
    }),
    now: () => Date.now(),
    // Filled by remote write, OTLP and scrapes (the ingest and scrape areas share these stores per server).
    metadata: (opts) => ingestStoresFor(ctx).metadata.query(opts),
    exemplars: (start, end, match) => ingestStoresFor(ctx).exemplars.query(start, end, match),
  };
}

/** The Prometheus HTTP API v1 area. Registered by server/areas.ts. */
export const apiArea: Area = async (app, ctx) => {
  await registerPrometheusApi(app, depsFromContext(ctx));
};
