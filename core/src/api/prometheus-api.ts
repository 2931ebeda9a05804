import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from './deps.js';
import { registerMetadataRoutes } from './metadata-routes.js';
import { registerQueryRoutes } from './query-routes.js';
import { registerStatusRoutes } from './status-routes.js';

/** GET-only paths: Grafana retries other methods on 405, so they answer 405, not 404. */
const GET_ONLY = [
  '/api/v1/label/:name/values', '/api/v1/metadata', '/api/v1/status/buildinfo', '/api/v1/status/runtimeinfo',
  '/api/v1/status/flags', '/api/v1/status/config', '/api/v1/status/tsdb', '/api/v1/status/walreplay',
];

/**
 * Registers the Prometheus HTTP API v1 (query, metadata and status routes)
 * on an encapsulated Fastify scope. POST bodies are form-encoded, read the
 * way Go's r.Form does.
 */
export async function registerPrometheusApi(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  // Another plugin up the tree may already read form bodies; ours stays private to this scope otherwise.
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, new URLSearchParams(body as string));
    });
  }
  registerQueryRoutes(app, deps);
  registerMetadataRoutes(app, deps);
  registerStatusRoutes(app, deps);
  for (const url of GET_ONLY) {
    app.route({
      method: ['POST', 'PUT', 'DELETE', 'PATCH'],
      url,
      handler: async (_req, reply) => reply.code(405).header('allow', 'GET, OPTIONS').type('text/plain').send('Method Not Allowed\n'),
    });
  }
}
