import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { Area } from '../server/area.js';

/** Where Vite writes the built UI, relative to this compiled file (core/dist/ui/area.js). */
export const UI_DIST_DIR = fileURLToPath(new URL('../../../ui/dist/', import.meta.url));

/** Paths that belong to APIs and must answer 404 as JSON, never the UI's index page. */
const API_PREFIXES = ['/api/', '/-/', '/v1/', '/federate', '/metrics'];

/**
 * Serves the web UI at `/` with a history fallback: any other GET that asks
 * for HTML gets index.html, so deep links such as /explore?... work after a
 * reload. Registered last, so it never shadows an API route.
 */
export const uiArea: Area = async (app, ctx) => {
  const built = existsSync(`${UI_DIST_DIR}index.html`);
  if (!built) {
    ctx.logger.warn({ dir: UI_DIST_DIR }, 'the web UI is not built; run `npm run build` to serve it');
    app.get('/', async (_req, reply) => {
      reply.type('text/html; charset=utf-8');
      return '<!doctype html><title>Panoptes</title><p>Panoptes is running. The web UI is not built: run <code>npm run build</code>. The API is at <a href="/api/v1/status/buildinfo">/api/v1/status/buildinfo</a>.</p>';
    });
    return;
  }
  await app.register(fastifyStatic, {
    root: UI_DIST_DIR,
    prefix: '/',
    wildcard: false,
    // Hashed asset names never change content; index.html must always be revalidated.
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', filePath.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (request.method === 'GET' && wantsHtml && !API_PREFIXES.some((p) => path.startsWith(p))) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    reply.code(404);
    return { status: 'error', errorType: 'not_found', error: `no route for ${request.method} ${path}` };
  });
};
