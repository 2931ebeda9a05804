import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { PluginRuntime } from './runtime.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The absolute folder of a plugin's UI bundle, or undefined. */
export function uiRoot(bundle: string | URL | undefined): string | undefined {
  if (bundle === undefined) return undefined;
  const s = bundle instanceof URL ? fileURLToPath(bundle) : bundle.startsWith('file:') ? fileURLToPath(bundle) : bundle;
  return path.resolve(s);
}

/**
 * Serves each plugin's UI bundle under /plugins/<id>/. Paths never leave
 * the bundle's folder; a path without a file extension that names no file
 * gets index.html, so client-side routing works.
 */
export function mountUiBundles(app: FastifyInstance, runtimeById: (id: string) => PluginRuntime | undefined): void {
  app.get('/plugins/:pluginId', (request, reply) => reply.redirect(`/plugins/${(request.params as { pluginId: string }).pluginId}/`, 301));
  app.get('/plugins/:pluginId/*', async (request, reply) => {
    const { pluginId, '*': rest = '' } = request.params as { pluginId: string; '*'?: string };
    const runtime = runtimeById(pluginId);
    const root = uiRoot(runtime?.plugin.uiBundle);
    if (!runtime || !root) return reply.code(404).type('text/plain; charset=utf-8').send(`no plugin UI at /plugins/${pluginId}/\n`);
    if (runtime.state !== 'running') return reply.code(503).type('text/plain; charset=utf-8').send(`plugin ${pluginId} is ${runtime.state}\n`);
    let rel: string;
    try {
      rel = decodeURIComponent(rest);
    } catch {
      return reply.code(400).send('bad path\n');
    }
    let file = path.resolve(root, rel === '' ? 'index.html' : rel);
    if (file !== root && !file.startsWith(root + path.sep)) return reply.code(404).send('not found\n');
    const st = await stat(file).catch(() => undefined);
    if (st?.isDirectory()) file = path.join(file, 'index.html');
    else if (!st && path.extname(file) === '') file = path.join(root, 'index.html');
    const body = await readFile(file).catch(() => undefined);
    if (!body) return reply.code(404).type('text/plain; charset=utf-8').send('not found\n');
    return reply.type(TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream').send(body);
  });
}
