import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { context, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { AreaContext, AreaEntry } from './area.js';
import { registerHealthRoutes } from './health.js';
import type { SelfMetrics } from './self-metrics.js';

export interface CreateServerOptions {
  readonly logger: Logger;
  readonly metrics: SelfMetrics;
  readonly ctx: AreaContext;
  readonly areas: readonly AreaEntry[];
  readonly bodyLimit: number;
  readonly isReady: () => boolean;
  readonly reload: () => Promise<void>;
  readonly tracer: Tracer | undefined;
}

/** Routes that answer before storage is ready; everything else answers 503 until then. */
const ALWAYS_OPEN = new Set(['/-/healthy', '/-/ready', '/metrics', '/-/reload']);

/**
 * Builds the Fastify instance: logging, request metrics, optional request
 * spans, the readiness gate, management routes, then every area as an
 * encapsulated plugin.
 */
export async function createServer(opts: CreateServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    // Per-request info logs cost more than the ingest path itself; requests are logged at debug in onResponse.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimit,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  const spans = new WeakMap<object, Span>();
  if (opts.tracer) {
    const tracer = opts.tracer;
    // Callback style on purpose: the rest of the request runs inside `done`, so
    // the span is the active context for handlers and storage spans nest under it.
    app.addHook('onRequest', (request, _reply, done) => {
      const span = tracer.startSpan(`HTTP ${request.method}`, {
        attributes: { 'http.request.method': request.method, 'url.path': request.url.split('?')[0] ?? '' },
      });
      spans.set(request, span);
      context.with(trace.setSpan(context.active(), span), done);
    });
  }
  app.addHook('onRequest', async (request, reply) => {
    if (!opts.isReady() && !ALWAYS_OPEN.has(request.url.split('?')[0] ?? '')) {
      reply.code(503).header('retry-after', '1').send('Service Unavailable\n');
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const code = String(reply.statusCode);
    opts.metrics.httpDuration.observe({ method: request.method, route, code }, reply.elapsedTime / 1000);
    const span = spans.get(request);
    if (span) {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', reply.statusCode);
      span.end();
    }
    request.log.debug({ method: request.method, url: request.url, code: reply.statusCode, ms: reply.elapsedTime }, 'request');
  });

  await registerHealthRoutes(app, { isReady: opts.isReady, reload: opts.reload, metrics: opts.metrics.registry });
  for (const { name, area } of opts.areas) {
    const plugin = async (scope: FastifyInstance): Promise<void> => {
      try {
        await area(scope, opts.ctx);
      } catch (err) {
        throw new Error(`register area ${name}: ${(err as Error).message}`, { cause: err });
      }
    };
    app.register(plugin);
  }
  return app;
}
