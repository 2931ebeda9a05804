import { SdkError, type InstantQueryResult, type LabelSet, type PromQuerier, type RangeQueryResult } from '@panoptes/sdk';
import type { Labels } from '@panoptes/storage';
import { parseDuration } from '../config/index.js';
import { Engine } from '../promql/index.js';
import type { AreaContext } from '../server/area.js';

function labelSet(labels: Labels): LabelSet {
  return Object.fromEntries(labels.map((l) => [l.name, l.value]));
}

/** Storage not open, storage engine errors: blamed downstream so the plugin is not restarted for them. */
function downstream(err: unknown, what: string): never {
  const code = (err as { code?: string } | null)?.code ?? '';
  if (code === 'PNP_SERVER_NOT_READY' || code.startsWith('PNP_STORAGE_')) {
    throw new SdkError('PNP_SDK_UNAVAILABLE', `${what}: ${(err as Error).message}`, { cause: err, source: 'downstream' });
  }
  throw err;
}

/**
 * The SDK querier over core's PromQL engine and storage, with the server's
 * query settings (lookback, timeout, max samples) read at each call so a
 * reload applies. Results are converted to the SDK's shapes (label objects,
 * `{t, v}` points). A bad expression rejects with the engine's error, whose
 * message gives the position.
 */
export function promqlQuerier(area: AreaContext): PromQuerier {
  const engine = (): Engine => {
    const q = area.config().query;
    const queryable = { querier: (mint: number, maxt: number) => area.storage.querier(mint, maxt) };
    return new Engine(queryable, { lookbackDelta: parseDuration(q.lookback_delta) ?? 300_000, timeout: parseDuration(q.timeout) ?? 120_000, maxSamples: q.max_samples });
  };
  return {
    async instant(expr, options = {}): Promise<InstantQueryResult> {
      const res = await engine()
        .instantQuery(expr, options.time ?? Date.now(), { ...(options.signal && { signal: options.signal }) })
        .catch((err: unknown) => downstream(err, 'instant query'));
      const d = res.data;
      switch (d.resultType) {
        case 'vector':
          return { resultType: 'vector', result: d.result.map((e) => ({ labels: labelSet(e.metric), point: { t: e.t, v: e.f } })) };
        case 'scalar':
          return { resultType: 'scalar', result: { t: d.result.t, v: d.result.f } };
        case 'string':
          return { resultType: 'string', result: { t: d.result.t, v: d.result.s } };
        case 'matrix':
          return { resultType: 'matrix', result: d.result.map((s) => ({ labels: labelSet(s.metric), points: s.t.map((t, i) => ({ t, v: s.f[i]! })) })) };
      }
    },
    async range(expr, options): Promise<RangeQueryResult> {
      const res = await engine()
        .rangeQuery(expr, options.start, options.end, options.step, { ...(options.signal && { signal: options.signal }) })
        .catch((err: unknown) => downstream(err, 'range query'));
      const d = res.data;
      if (d.resultType !== 'matrix') throw new Error(`BUG: range query returned ${d.resultType}`);
      return { resultType: 'matrix', result: d.result.map((s) => ({ labels: labelSet(s.metric), points: s.t.map((t, i) => ({ t, v: s.f[i]! })) })) };
    },
  };
}
