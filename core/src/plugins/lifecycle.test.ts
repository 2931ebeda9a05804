import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server/run-server.js';
import type { AreaContext } from '../server/area.js';
import { createPluginsArea } from './area.js';
import { pluginHost } from './host-registry.js';
import type { PluginStatus } from './plugin-status.js';

const sdkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../sdk');

async function writePlugin(dir: string, name: string, source: string, extraFiles: Record<string, string> = {}): Promise<void> {
  const pkg = path.join(dir, name);
  await mkdir(pkg, { recursive: true });
  await writeFile(path.join(pkg, 'package.json'), JSON.stringify({ name: `@test/${name}`, type: 'module', exports: { '.': { import: './main.js' } }, panoptes: { plugin: true } }));
  await writeFile(path.join(pkg, 'main.js'), `import { definePlugin } from '@panoptes/sdk';\n${source}\n`);
  for (const [rel, text] of Object.entries(extraFiles)) {
    await mkdir(path.dirname(path.join(pkg, rel)), { recursive: true });
    await writeFile(path.join(pkg, rel), text);
  }
}

const m = (id: string, kinds: string): string => `id: '${id}', version: '0.0.1', sdk: '^1.0.0', description: 'test', kinds: [${kinds}],`;

describe('plugin lifecycle: start timeout, load errors, UI bundles, detectors, reload adding and removing', () => {
  let root: string;
  let server: RunningServer;
  let base: string;
  let area: AreaContext | undefined;

  const list = async (): Promise<PluginStatus[]> => ((await (await fetch(`${base}/api/v1/plugins`)).json()) as { data: PluginStatus[] }).data;
  const until = async (id: string, ok: (p: PluginStatus | undefined) => boolean): Promise<PluginStatus | undefined> => {
    for (let i = 0; i < 500; i++) {
      const p = (await list()).find((x) => x.id === id);
      if (ok(p)) return p;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`gave up waiting for ${id}`);
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'panoptes-lifecycle-'));
    const ws = path.join(root, 'ws');
    await mkdir(path.join(root, 'node_modules', '@panoptes'), { recursive: true });
    await symlink(sdkDir, path.join(root, 'node_modules', '@panoptes', 'sdk'), 'dir');
    await writePlugin(ws, 'collector-hangs', `export default definePlugin({ ${m('collector-hangs', "'collector'")} start() { return new Promise(() => {}); } });`);
    await writePlugin(ws, 'collector-explodes', `throw new Error('top-level boom');`);
    await writePlugin(ws, 'collector-notaplugin', `export default { id: 'collector-notaplugin' };`);
    // Made by hand rather than by definePlugin: the host's own manifest check still applies.
    await writePlugin(ws, 'collector-handmade', `export default { [Symbol.for('panoptes.plugin')]: '1.0.0', id: 'Handmade', version: 'one', sdk: 'latest-ish', kinds: ['printer'], description: 'x', start() {} };`);
    await writePlugin(
      ws,
      'detector-ui',
      `export default definePlugin({ ${m('detector-ui', "'detector'")} uiBundle: new URL('./ui/', import.meta.url),
        start(ctx) { ctx.detectors.register({ name: 'double', description: 'twice the value', detect: ({ points }) => points.map((p) => p.v * 2) });
                     ctx.detectors.register({ name: 'short', description: 'wrong length', detect: () => [1] }); } });`,
      { 'ui/index.html': '<h1>detector ui</h1>', 'ui/app.js': 'console.log(1)', 'secret.txt': 'outside the bundle' },
    );
    await writePlugin(ws, 'ingest-squatter', `export default definePlugin({ ${m('ingest-squatter', "'ingest'")} publicPaths: ['/v7/taken'], start() {} });`);
    await writePlugin(path.join(root, 'extra'), 'collector-late', `export default definePlugin({ ${m('collector-late', "'collector'")} start(ctx) { ctx.http.route({ method: 'GET', path: '/hi', handler: () => ({ body: 'late' }) }); } });`);
    await writeFile(path.join(root, 'panoptes.yml'), `server:\n  data_dir: ${JSON.stringify(path.join(root, 'data'))}\n  self_monitoring: false\n`);
    const quiet = new Writable({ write: (c, _e, cb) => { if (process.env.DEBUG_PLUGINS) process.stderr.write(String(c)); cb(); } });
    server = await startServer({
      configFile: path.join(root, 'panoptes.yml'),
      listen: '127.0.0.1:0',
      logDestination: quiet,
      areas: [
        { name: 'core-route', area: async (app) => void app.post('/v7/taken', async () => 'core') },
        { name: 'plugins', area: createPluginsArea({ workspaceDir: ws, timings: { startTimeoutMs: 100, backoffBaseMs: 50, backoffMaxMs: 200 } }) },
        { name: 'probe', area: async (_app, ctx) => void (area = ctx) },
      ],
    });
    await server.ready;
    base = `http://${server.address}`;
    await until('detector-ui', (p) => p?.state === 'running');
  });

  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('times out a start that never settles and retries it', async () => {
    const p = await until('collector-hangs', (x) => (x?.restarts ?? 0) >= 1);
    expect(p?.lastError).toMatchObject({ code: 'PNP_PLUGIN_TIMEOUT', hook: 'start', message: 'plugin collector-hangs: start did not finish within 100 ms' });
  });

  it('reports modules that throw at import or export no plugin', async () => {
    const all = await list();
    expect(all.find((p) => p.use === '@test/collector-explodes')).toMatchObject({ state: 'failed', lastError: { code: 'PNP_PLUGIN_LOAD' } });
    expect(all.find((p) => p.use === '@test/collector-explodes')?.lastError?.message).toContain('top-level boom');
    expect(all.find((p) => p.use === '@test/collector-notaplugin')?.lastError?.message).toContain('does not export a plugin');
    const handmade = all.find((p) => p.use === '@test/collector-handmade');
    expect(handmade).toMatchObject({ state: 'failed', lastError: { code: 'PNP_PLUGIN_MANIFEST' } });
    expect(handmade?.lastError?.message).toMatch(/\/id must match pattern.*\/version must match pattern.*\/kinds\/0 must be equal to one of the allowed values/);
  });

  it('refuses a public path core already serves, and core keeps it', async () => {
    expect((await list()).find((p) => p.id === 'ingest-squatter')).toMatchObject({ state: 'failed', lastError: { code: 'PNP_PLUGIN_ROUTE_CONFLICT' } });
    expect(await (await fetch(`${base}/v7/taken`, { method: 'POST' })).text()).toBe('core');
  });

  it('serves a UI bundle under /plugins/<id>/ and nothing outside it', async () => {
    expect((await list()).find((p) => p.id === 'detector-ui')?.ui).toBe('/plugins/detector-ui/');
    const index = await fetch(`${base}/plugins/detector-ui/`);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toBe('<h1>detector ui</h1>');
    expect((await fetch(`${base}/plugins/detector-ui/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect(await (await fetch(`${base}/plugins/detector-ui/some/client/route`)).text()).toBe('<h1>detector ui</h1>');
    expect((await fetch(`${base}/plugins/detector-ui/..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${base}/plugins/collector-hangs/`)).status).toBe(404);
  });

  it('offers detectors to core and contains a wrong answer', async () => {
    const detectors = pluginHost(area!).detectors();
    expect(detectors.names()).toEqual(['double', 'short']);
    const points = [{ t: 0, v: 1 }, { t: 1, v: 5 }];
    expect(await detectors.get('double')!.detect({ labels: {}, points, params: {} })).toEqual([2, 10]);
    await expect(detectors.get('short')!.detect({ labels: {}, points, params: {} })).rejects.toMatchObject({ code: 'PNP_PLUGIN_HOOK_FAILED', message: expect.stringContaining('returned 1 scores for 2 points') });
  });

  it('loads a plugin added by reload, disables one, and drops it when removed', async () => {
    const file = path.join(root, 'panoptes.yml');
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}plugins:\n  - use: ./extra/collector-late\n  - use: detector-ui\n    enabled: false\n`);
    await server.reload();
    await until('collector-late', (p) => p?.state === 'running').catch(async (e) => { console.log(JSON.stringify(await list(), null, 1)); throw e; });
    expect(await (await fetch(`${base}/api/plugins/collector-late/hi`)).text()).toBe('late');
    expect((await list()).find((p) => p.id === 'detector-ui')?.state).toBe('disabled');
    expect(pluginHost(area!).detectors().names()).toEqual([]);
    expect((await fetch(`${base}/plugins/detector-ui/`)).status).toBe(503);
    await writeFile(file, original);
    await server.reload();
    await until('collector-late', (p) => p === undefined);
    expect((await fetch(`${base}/api/plugins/collector-late/hi`)).status).toBe(404);
    await until('detector-ui', (p) => p?.state === 'running');
  });
});
