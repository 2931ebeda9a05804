import type { Tracer } from '@opentelemetry/api';
import type { Appender, Querier, Storage } from '@panoptes/storage';
import { withSpan } from './tracing.js';

/**
 * Wraps storage so commits, selects and other storage calls become spans.
 * Only used when tracing is on; the plain storage is used otherwise.
 */
export function tracedStorage(storage: Storage, tracer: Tracer): Storage {
  return {
    appender: () => tracedAppender(storage.appender(), tracer),
    querier: (mint, maxt) =>
      withSpan(tracer, 'storage.querier', { mint, maxt }, async () => tracedQuerier(await storage.querier(mint, maxt), tracer)),
    deleteSeries: (matchers, mint, maxt) =>
      withSpan(tracer, 'storage.deleteSeries', { mint, maxt }, () => storage.deleteSeries(matchers, mint, maxt)),
    stats: (opts) => withSpan(tracer, 'storage.stats', {}, () => storage.stats(opts)),
    keyspace: (name) => storage.keyspace(name),
    close: () => withSpan(tracer, 'storage.close', {}, () => storage.close()),
  };
}

function tracedAppender(appender: Appender, tracer: Tracer): Appender {
  let samples = 0;
  return {
    append(ref, labels, t, v) {
      samples++;
      return appender.append(ref, labels, t, v);
    },
    commit: () => withSpan(tracer, 'storage.commit', { samples }, () => appender.commit()),
    rollback: () => appender.rollback(),
  };
}

function tracedQuerier(querier: Querier, tracer: Tracer): Querier {
  return {
    select: (hints, matchers) =>
      withSpan(tracer, 'storage.select', { start: hints.start, end: hints.end, matchers: matchers.length }, () =>
        querier.select(hints, matchers),
      ),
    labelNames: (matchers) => withSpan(tracer, 'storage.labelNames', {}, () => querier.labelNames(matchers)),
    labelValues: (name, matchers) => withSpan(tracer, 'storage.labelValues', { name }, () => querier.labelValues(name, matchers)),
    close: () => querier.close(),
  };
}
