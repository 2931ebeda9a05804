// Fetches and caches what completion needs from the API. Each lookup is cached for
// a minute: typing must not send a request per keystroke.

import { labelNames, labelValues, metadata } from '../api/prometheus.js';
import type { CompletionContext, CompletionData } from './completion.js';

export interface CompletionSource {
  load(ctx: CompletionContext): Promise<CompletionData>;
}

const TTL_MS = 60_000;

export function createApiCompletionSource(): CompletionSource {
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value as Promise<T>;
    const value = load().catch((err: unknown) => {
      cache.delete(key);
      throw err;
    });
    cache.set(key, { at: Date.now(), value });
    return value;
  }
  const selector = (metric?: string): string | undefined => (metric ? `{__name__=${JSON.stringify(metric)}}` : undefined);
  return {
    async load(ctx) {
      switch (ctx.kind) {
        case 'expression': {
          const [metrics, meta] = await Promise.all([
            cached('metrics', () => labelValues('__name__')),
            cached('metadata', () => metadata().catch(() => ({}))),
          ]);
          return { metrics, metadata: meta };
        }
        case 'labelName':
          return { labelNames: await cached(`labels:${ctx.metric ?? ''}`, () => labelNames(selector(ctx.metric))) };
        case 'labelValue':
          return { labelValues: await cached(`values:${ctx.label}:${ctx.metric ?? ''}`, () => labelValues(ctx.label, selector(ctx.metric))) };
        default:
          return {};
      }
    },
  };
}
