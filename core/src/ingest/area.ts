import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import type { Area, AreaContext } from '../server/area.js';
import { installIngestErrorHandler } from './http-errors.js';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from './limits.js';
import { RemoteWriteIngester } from './remote-write/remote-write-ingester.js';
import { registerRemoteWriteRoutes } from './remote-write/routes.js';
import { ingestStoresFor } from './shared-stores.js';

/** Options for tests and embedders; the server uses the defaults. */
export interface IngestAreaOptions {
  readonly limits?: IngestLimits;
}

/** Protobuf and snappy bodies arrive as raw Buffers, only inside this area. */
function addRawBodyParsers(app: FastifyInstance): void {
  app.addContentTypeParser(['application/x-protobuf', 'application/octet-stream'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
}

/** Builds the ingest area: remote write, OpenTSDB put, OTLP metrics. */
export function createIngestArea(options: IngestAreaOptions = {}): Area {
  return async (app: FastifyInstance, ctx: AreaContext) => {
    const stores = ingestStoresFor(ctx);
    const limits = options.limits ?? DEFAULT_INGEST_LIMITS;
    const samples = new Counter({
      name: 'panoptes_ingest_samples_total',
      help: 'Samples accepted by push ingestion, by protocol.',
      labelNames: ['protocol'],
      registers: [ctx.metrics],
    });
    const rejected = new Counter({
      name: 'panoptes_ingest_rejected_series_total',
      help: 'Series rejected by push ingestion validation, by protocol.',
      labelNames: ['protocol'],
      registers: [ctx.metrics],
    });
    addRawBodyParsers(app);
    installIngestErrorHandler(app);
    const rw = new RemoteWriteIngester(() => ctx.storage, stores, limits);
    registerRemoteWriteRoutes(
      app,
      () => rw,
      (o) => {
        samples.inc({ protocol: 'remote_write' }, o.samples);
        if (o.rejectedSeries > 0) rejected.inc({ protocol: 'remote_write' }, o.rejectedSeries);
      },
    );
  };
}

/** The ingest area as core registers it. */
export const ingestArea: Area = createIngestArea();
