import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import type { Area, AreaContext } from '../server/area.js';
import { installIngestErrorHandler } from './http-errors.js';
import type { IngestLimits } from './limits.js';
import { limitsFromConfig } from './limits-from-config.js';
import { registerOpenTsdbPutRoute } from './opentsdb/put-routes.js';
import { startTelnetListener } from './opentsdb/telnet-listener.js';
import { registerOtlpRoutes } from './otlp/routes.js';
import { PushWriter } from './push-writer.js';
import { RemoteWriteIngester } from './remote-write/remote-write-ingester.js';
import { registerRemoteWriteRoutes } from './remote-write/routes.js';
import { ingestStoresFor } from './shared-stores.js';

/** Options for tests and embedders; the server takes everything from the config. */
export interface IngestAreaOptions {
  /** Overrides `ingest.limits` from the config (and ignores reloads of it). */
  readonly limits?: IngestLimits;
}

/** Protobuf and snappy bodies arrive as raw Buffers, only inside this area. */
function addRawBodyParsers(app: FastifyInstance): void {
  app.addContentTypeParser(['application/x-protobuf', 'application/octet-stream'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
}

/**
 * Builds the ingest area: remote write 1.0/2.0 (`/api/v1/write`, alias
 * `/api/v1/push`), OpenTSDB (`/api/put` and the optional line-protocol
 * listener), OTLP metrics (`/v1/metrics`, `/api/v1/otlp/v1/metrics`), with limits from `ingest.limits` that follow reloads.
 */
export function createIngestArea(options: IngestAreaOptions = {}): Area {
  return async (app: FastifyInstance, ctx: AreaContext) => {
    const stores = ingestStoresFor(ctx);
    const limits = (): IngestLimits => options.limits ?? limitsFromConfig(ctx.config().ingest);
    const samples = new Counter({
      name: 'panoptes_ingest_samples_total',
      help: 'Samples accepted by push ingestion, by protocol.',
      labelNames: ['protocol'],
      registers: [ctx.metrics],
    });
    const rejected = new Counter({
      name: 'panoptes_ingest_rejected_total',
      help: 'Series (remote write) or points (OpenTSDB, OTLP) rejected by validation, by protocol.',
      labelNames: ['protocol'],
      registers: [ctx.metrics],
    });
    const count = (protocol: string) => (ok: number, bad: number) => {
      if (ok > 0) samples.inc({ protocol }, ok);
      if (bad > 0) rejected.inc({ protocol }, bad);
    };
    addRawBodyParsers(app);
    installIngestErrorHandler(app);

    const rw = new RemoteWriteIngester(() => ctx.storage, stores, limits());
    const push = new PushWriter(() => ctx.storage, limits());
    ctx.onConfigApply(() => {
      rw.setLimits(limits());
      push.setLimits(limits());
    });

    const rwCount = count('remote_write');
    registerRemoteWriteRoutes(app, () => rw, (o) => rwCount(o.samples, o.rejectedSeries));
    registerOpenTsdbPutRoute(app, () => push, count('opentsdb'));
    registerOtlpRoutes(app, () => push, stores, count('otlp'));

    const listen = ctx.config().ingest.opentsdb.listen;
    if (listen) {
      let close: (() => Promise<void>) | undefined;
      ctx.onReady(async () => {
        const i = listen.lastIndexOf(':');
        const host = listen.slice(0, i).replace(/^\[|\]$/g, '') || '0.0.0.0';
        const l = await startTelnetListener({ host, port: Number(listen.slice(i + 1)), writer: () => push, logger: ctx.logger.child({ area: 'opentsdb' }), http: app.server, onResult: count('opentsdb') });
        close = l.close;
        ctx.logger.info({ address: l.address }, 'OpenTSDB listener started');
      });
      ctx.onShutdown(async () => close?.());
    }
  };
}

/** The ingest area as core registers it. */
export const ingestArea: Area = createIngestArea();
