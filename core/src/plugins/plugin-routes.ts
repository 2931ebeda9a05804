import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpMethod, RouteHandler, RoutePattern } from '@panoptes/sdk';
import { errorCode, errorMessage, PluginHostError } from './errors.js';
import type { HostMetrics } from './host-metrics.js';
import { withTimeout, type PluginRuntime } from './runtime.js';

/** A route a plugin registered during its current start. */
export interface PluginRoute {
  readonly method: HttpMethod;
  readonly pattern: RoutePattern;
  readonly public: boolean;
  readonly handler: RouteHandler;
}

const METHODS: HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

function apiError(reply: FastifyReply, status: number, errorType: string, error: string, code?: string): FastifyReply {
  return reply.code(status).send({ status: 'error', errorType, error, ...(code && { code }) });
}

/**
 * Runs a plugin route for a request. The plugin sees an SDK PluginRequest,
 * never Fastify objects. Throws and hangs are contained: 500 or 504 with the
 * error, recorded on the plugin.
 */
async function dispatch(runtime: PluginRuntime | undefined, local: string, isPublic: boolean, request: FastifyRequest, reply: FastifyReply, metrics: HostMetrics, routeTimeoutMs: number): Promise<FastifyReply> {
  if (!runtime) return apiError(reply, 404, 'not_found', `no plugin serves ${request.url.split('?')[0]}`);
  const count = (code: number): void => metrics.requests.inc({ plugin: runtime.id, code: String(code) });
  if (runtime.state !== 'running') {
    count(503);
    reply.header('retry-after', '5');
    return apiError(reply, 503, 'unavailable', `plugin ${runtime.id} is ${runtime.state}${runtime.lastError ? `: ${runtime.lastError.message}` : ''}`, 'PNP_PLUGIN_NOT_RUNNING');
  }
  const method = request.method as HttpMethod;
  let params: Record<string, string> | undefined;
  let route: PluginRoute | undefined;
  for (const m of method === 'HEAD' ? (['HEAD', 'GET'] as const) : [method]) {
    route = runtime.routes.find((r) => r.public === isPublic && r.method === m && (params = r.pattern.match(local)) !== undefined);
    if (route) break;
  }
  if (!route || !params) {
    count(404);
    return apiError(reply, 404, 'not_found', `plugin ${runtime.id} has no route ${method} ${local}`);
  }
  const ctl = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ctl.abort(new Error('client went away'));
  });
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(request.url.split('?')[1] ?? '')) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const body = request.body === undefined || request.body === null || (Buffer.isBuffer(request.body) && request.body.length === 0) ? undefined : request.body;
  let result;
  try {
    const handler = route.handler;
    const req = { method, path: request.url.split('?')[0] ?? '/', params, query, headers: request.headers as Record<string, string | undefined>, body, signal: ctl.signal };
    result = await withTimeout(
      Promise.resolve().then(() => handler(req)),
      routeTimeoutMs,
      () => new PluginHostError('PNP_PLUGIN_TIMEOUT', runtime.id, `route ${method} ${route!.pattern.pattern} did not answer within ${routeTimeoutMs} ms`, { hook: 'route' }),
    );
  } catch (err) {
    const timedOut = errorCode(err) === 'PNP_PLUGIN_TIMEOUT';
    if (timedOut) ctl.abort(err);
    runtime.recordFailure('route', err);
    count(timedOut ? 504 : 500);
    return apiError(reply, timedOut ? 504 : 500, timedOut ? 'timeout' : 'execution', errorMessage(err), errorCode(err));
  }
  runtime.recordSuccess();
  if (!result) {
    count(204);
    return reply.code(204).send();
  }
  const status = result.status ?? 200;
  count(status);
  reply.code(status);
  for (const [k, v] of Object.entries(result.headers ?? {})) reply.header(k, v);
  const out = result.body;
  if (out === undefined) return reply.send();
  if (out instanceof Uint8Array) return reply.send(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  if (typeof out === 'string') {
    if (!reply.hasHeader('content-type')) reply.type('text/plain; charset=utf-8');
    return reply.send(out);
  }
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(out));
}

export interface MountOptions {
  readonly runtimeById: (id: string) => PluginRuntime | undefined;
  /** Public path (as declared, `/x` or `/x/*`) → owning runtime id. */
  readonly publicPaths: ReadonlyMap<string, string>;
  readonly metrics: HostMetrics;
  readonly routeTimeoutMs: number;
}

/**
 * Mounts the dispatchers: /api/plugins/:pluginId/* for every plugin, then
 * one route per declared public path. Routes are mounted once, before the
 * server listens; what they serve follows each plugin's current start, so
 * restarts and reloads need no re-mounting. Bodies reach plugins as parsed
 * JSON or raw bytes (the scope's catch-all parser keeps protobuf and snappy
 * intact).
 */
export function mountPluginRoutes(app: FastifyInstance, o: MountOptions): void {
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const mounted = (request: FastifyRequest<{ Params: { pluginId: string; '*': string } }>, reply: FastifyReply): Promise<FastifyReply> =>
    dispatch(o.runtimeById(request.params.pluginId), `/${request.params['*'] ?? ''}`, false, request, reply, o.metrics, o.routeTimeoutMs);
  app.route({ method: METHODS, url: '/api/plugins/:pluginId/*', handler: mounted });
  app.route({ method: METHODS, url: '/api/plugins/:pluginId', handler: (req, reply) => mounted(req as never, reply) });
  for (const [declared, id] of o.publicPaths) {
    const handler = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> =>
      dispatch(o.runtimeById(id), request.url.split('?')[0] ?? '/', true, request, reply, o.metrics, o.routeTimeoutMs);
    if (declared.endsWith('/*')) {
      app.route({ method: METHODS, url: declared, handler });
      app.route({ method: METHODS, url: declared.slice(0, -2), handler });
    } else {
      app.route({ method: METHODS, url: declared, handler });
    }
  }
}
