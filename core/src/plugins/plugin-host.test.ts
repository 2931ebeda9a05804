import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server/run-server.js';
import type { AreaContext } from '../server/area.js';
import { exampleNotificationGroup } from '@panoptes/sdk/testing';
import { createPluginsArea } from './area.js';
import { pluginHost } from './host-registry.js';
import type { PluginStatus } from './plugin-status.js';

const sdkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../sdk');

/** Writes a plugin package (one ESM file importing the real SDK) into `dir`. */
async function writePlugin(dir: string, name: string, body: string): Promise<void> {
  const pkg = path.join(dir, name);
  await mkdir(pkg, { recursive: true });
  await writeFile(path.join(pkg, 'package.json'), JSON.stringify({ name: `@test/${name}`, type: 'module', main: 'index.js', panoptes: { plugin: true } }));
  await writeFile(path.join(pkg, 'index.js'), `import { definePlugin } from '@panoptes/sdk';\nexport default definePlugin(${body});\n`);
}

const manifest = (id: string, extra = ''): string => `id: '${id}', version: '1.2.3', sdk: '^1.0.0', description: '${id} for tests', ${extra}`;

async function until<T>(fn: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('plugin host', () => {
  let root: string;
  let server: RunningServer;
  let base: string;
  let area: AreaContext | undefined;
  const logs: string[] = [];

  const plugins = async (): Promise<PluginStatus[]> => ((await (await fetch(`${base}/api/v1/plugins`)).json()) as { data: PluginStatus[] }).data;
  const plugin = async (id: string): Promise<PluginStatus | undefined> => (await plugins()).find((p) => p.id === id);
  const inState = (id: string, state: string) => until(async () => ((await plugin(id))?.state === state ? plugin(id) : undefined), `${id} ${state}`);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'panoptes-host-'));
    const ws = path.join(root, 'plugins');
    await mkdir(path.join(root, 'node_modules', '@panoptes'), { recursive: true });
    await symlink(sdkDir, path.join(root, 'node_modules', '@panoptes', 'sdk'), 'dir');
    await writePlugin(
      ws,
      'collector-good',
      `{ ${manifest('collector-good', "kinds: ['collector', 'notifier'], publicPaths: ['/v9/things'], configSchema: { type: 'object', additionalProperties: false, properties: { greeting: { type: 'string', default: 'hello' }, interval: { type: 'string', format: 'duration', default: '50ms' }, password: { type: 'string', writeOnly: true } } },")}
        start(ctx) {
          const ticks = ctx.metrics.counter({ name: 'good_ticks_total', help: 'ticks' });
          ctx.jobs.every({ name: 'tick', interval: ctx.config.interval, jitter: 0 }, () => ticks.inc());
          ctx.http.route({ method: 'GET', path: '/hello/:who', handler: (req) => ({ body: { greeting: ctx.config.greeting, who: req.params.who } }) });
          ctx.http.route({ method: 'PUT', path: '/kv/:key', handler: async (req) => { await ctx.store.put(req.params.key, req.body); } });
          ctx.http.route({ method: 'GET', path: '/kv/:key', handler: async (req) => { const v = await ctx.store.get(req.params.key); return v ? { body: v, headers: { 'content-type': 'application/octet-stream' } } : { status: 404 }; } });
          ctx.http.route({ method: 'POST', path: '/sample', handler: async () => { await ctx.appender.append([{ name: 'good_value', labels: { source: 'test' }, value: 42 }]); } });
          ctx.http.route({ method: 'GET', path: '/query', handler: async (req) => ({ body: await ctx.querier.instant(req.query.expr) }) });
          ctx.http.route({ method: 'GET', path: '/range', handler: async (req) => { const end = Date.now() + 1000; return { body: await ctx.querier.range(req.query.expr, { start: end - 60_000, end, step: 30_000 }) }; } });
          ctx.http.route({ method: 'GET', path: '/boom', handler: () => { throw new Error('route exploded'); } });
          ctx.http.route({ method: 'GET', path: '/hang', handler: () => new Promise(() => {}) });
          ctx.http.route({ method: 'POST', path: '/v9/things', public: true, handler: (req) => ({ body: { bytes: req.body.length } }) });
          ctx.notifiers.register({ type: 'good', configSchema: { type: 'object', additionalProperties: false, properties: { channel: { type: 'string', default: '#ops' } } }, async notify(group) { if (group.receiver === 'down') throw new Error('receiver down'); if (group.receiver === 'gone') throw Object.assign(new Error('HTTP 404'), { retryable: false }); } });
        } }`,
    );
    await writePlugin(ws, 'collector-crashy', `{ ${manifest('collector-crashy', "kinds: ['collector'],")} start() { throw new Error('cannot start: no socket'); } }`);
    await writePlugin(
      ws,
      'collector-flaky',
      `{ ${manifest('collector-flaky', "kinds: ['collector'],")} start(ctx) { ctx.jobs.every({ name: 'flake', interval: 30, jitter: 0 }, () => { throw new Error('job failed'); }); } }`,
    );
    await writePlugin(ws, 'collector-future', `{ ${manifest('collector-future', "kinds: ['collector'],").replace("'^1.0.0'", "'^2.0.0'")} start() {} }`);
    await writePlugin(ws, 'collector-thief', `{ ${manifest('collector-thief', "kinds: ['collector'], publicPaths: ['/v9/*'],")} start() {} }`);
    await writePlugin(ws, 'collector-strict', `{ ${manifest('collector-strict', "kinds: ['collector'], configSchema: { type: 'object', additionalProperties: false, required: ['url'], properties: { url: { type: 'string', format: 'http-url' }, every: { type: 'string', format: 'duration' } } },")} start() {} }`);
    await writePlugin(ws, 'collector-off', `{ ${manifest('collector-off', "kinds: ['collector'],")} start() {} }`);

    const config = [
      'server:',
      `  data_dir: ${JSON.stringify(path.join(root, 'data'))}`,
      '  self_monitoring: false',
      'plugins:',
      '  - use: collector-good',
      '    config:',
      '      greeting: hi',
      '      password: hunter2',
      '  - use: collector-strict',
      '    config:',
      '      every: 15x',
      '  - use: "@test/collector-off"',
      '    enabled: false',
      '  - use: ./missing-plugin',
      '',
    ].join('\n');
    await writeFile(path.join(root, 'panoptes.yml'), config);
    const sink = new Writable({ write: (chunk, _enc, cb) => void (logs.push(String(chunk)), cb()) });
    server = await startServer({
      configFile: path.join(root, 'panoptes.yml'),
      listen: '127.0.0.1:0',
      logDestination: sink,
      areas: [
        { name: 'plugins', area: createPluginsArea({ workspaceDir: ws, timings: { routeTimeoutMs: 1500, backoffBaseMs: 20, backoffMaxMs: 100, failureThreshold: 3, startTimeoutMs: 2000 } }) },
        { name: 'probe', area: async (_app, ctx) => void (area = ctx) },
      ],
    });
    await server.ready;
    base = `http://${server.address}`;
    await inState('collector-good', 'running');
  });

  afterAll(async () => {
    await server?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('lists every plugin with its state, origin and redacted config', async () => {
    const good = await plugin('collector-good');
    expect(good).toMatchObject({ version: '1.2.3', kinds: ['collector', 'notifier'], sdk: '^1.0.0', origin: 'workspace', lastError: null, publicPaths: ['/v9/things'] });
    expect(good?.config).toEqual({ greeting: 'hi', interval: '50ms', password: '<secret>' });
    expect(await plugin('collector-off')).toMatchObject({ state: 'disabled' });
    expect(await plugin('./missing-plugin')).toMatchObject({ state: 'failed', lastError: { code: 'PNP_PLUGIN_NOT_FOUND' } });
  });

  it('serves routes under /api/plugins/<id>/ and declared public paths, with a private store', async () => {
    expect(await (await fetch(`${base}/api/plugins/collector-good/hello/ann`)).json()).toEqual({ greeting: 'hi', who: 'ann' });
    const put = await fetch(`${base}/api/plugins/collector-good/kv/k1`, { method: 'PUT', body: new Uint8Array([1, 2, 3]), headers: { 'content-type': 'application/octet-stream' } });
    expect(put.status).toBe(204);
    expect(new Uint8Array(await (await fetch(`${base}/api/plugins/collector-good/kv/k1`)).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    // The store is the plugin's own sublevel: its keys are there and nowhere else.
    const own: string[] = [];
    for await (const [k] of area!.storage.keyspace('plugins').sub('collector-good').entries()) own.push(k);
    expect(own).toEqual(['k1']);
    for await (const entry of area!.storage.keyspace('plugins').sub('collector-flaky').entries()) throw new Error(`flaky sees ${String(entry[0])}`);
    const pub = await fetch(`${base}/v9/things`, { method: 'POST', body: new Uint8Array(7), headers: { 'content-type': 'application/x-protobuf' } });
    expect(await pub.json()).toEqual({ bytes: 7 });
    expect((await fetch(`${base}/api/plugins/nobody/x`)).status).toBe(404);
  });

  it('writes samples through the appender and reads them back with PromQL', async () => {
    expect((await fetch(`${base}/api/plugins/collector-good/sample`, { method: 'POST' })).status).toBe(204);
    const instant = (await (await fetch(`${base}/api/plugins/collector-good/query?expr=good_value`)).json()) as { resultType: string; result: { labels: object; point: { v: number } }[] };
    expect(instant.resultType).toBe('vector');
    expect(instant.result).toEqual([{ labels: { __name__: 'good_value', source: 'test' }, point: { t: expect.any(Number), v: 42 } }]);
    const range = (await (await fetch(`${base}/api/plugins/collector-good/range?expr=good_value*2`)).json()) as { resultType: string; result: { points: { v: number }[] }[] };
    expect(range.resultType).toBe('matrix');
    expect(range.result[0]?.points.at(-1)?.v).toBe(84);
    const bad = await fetch(`${base}/api/plugins/collector-good/query?expr=sum(`);
    expect(bad.status).toBe(500);
    expect(((await bad.json()) as { error: string }).error).toMatch(/parse error/);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/panoptes_plugin_samples_appended_total\{plugin="collector-good"\} 1/);
  });

  it('contains a throwing route (500) and a hanging one (504) without losing the server', async () => {
    // A success first: restarts count failures in a row, and this plugin must stay up for the tests after.
    expect((await fetch(`${base}/api/plugins/collector-good/hello/x`)).status).toBe(200);
    const boom = await fetch(`${base}/api/plugins/collector-good/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.json()).toMatchObject({ status: 'error', errorType: 'execution', error: 'route exploded' });
    const hang = await fetch(`${base}/api/plugins/collector-good/hang`);
    expect(hang.status).toBe(504);
    expect(await hang.json()).toMatchObject({ errorType: 'timeout', code: 'PNP_PLUGIN_TIMEOUT' });
    expect((await fetch(`${base}/-/healthy`)).status).toBe(200);
    expect((await plugin('collector-good'))?.lastError).toMatchObject({ hook: 'route', code: 'PNP_PLUGIN_TIMEOUT' });
    expect((await plugin('collector-good'))?.state).toBe('running');
    expect((await fetch(`${base}/api/plugins/collector-good/hello/x`)).status).toBe(200);
  });

  it('restarts a plugin whose start throws, with backoff, keeping its last error', async () => {
    const crashy = await until(async () => {
      const p = await plugin('collector-crashy');
      return p && p.restarts >= 2 ? p : undefined;
    }, 'restarts');
    expect(crashy.state).toMatch(/restarting|starting/);
    expect(crashy.lastError).toMatchObject({ hook: 'start', message: 'cannot start: no socket' });
  });

  it('restarts a plugin whose job keeps failing', async () => {
    const flaky = await until(async () => {
      const p = await plugin('collector-flaky');
      return p && p.restarts >= 1 ? p : undefined;
    }, 'flaky restart');
    expect(flaky.lastError).toMatchObject({ hook: 'job', message: 'job failed' });
  });

  it('refuses an incompatible SDK range naming both versions', async () => {
    const future = await plugin('collector-future');
    expect(future).toMatchObject({ state: 'failed', lastError: { code: 'PNP_PLUGIN_SDK_RANGE' } });
    expect(future?.lastError?.message).toContain('needs SDK ^2.0.0, but this server provides SDK 1.0.0');
  });

  it('refuses a public path another plugin holds', async () => {
    expect(await plugin('collector-thief')).toMatchObject({ state: 'failed', lastError: { code: 'PNP_PLUGIN_ROUTE_CONFLICT' } });
  });

  it('reports config problems with file, line, column, field and plugin id', async () => {
    const strict = await plugin('collector-strict');
    expect(strict?.state).toBe('failed');
    const msg = strict?.lastError?.message ?? '';
    expect(msg).toContain('panoptes.yml:11:14: plugin collector-strict: plugins[1].config.every: "15x" is not a duration');
    expect(msg).toContain('panoptes.yml:11:7: plugin collector-strict: plugins[1].config.url: missing required field');
  });

  it('labels plugin metrics with the plugin id', async () => {
    await until(async () => ((await (await fetch(`${base}/metrics`)).text()).includes('good_ticks_total{plugin="collector-good"}') ? true : undefined), 'metric');
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/panoptes_plugin_jobs_total\{plugin="collector-good",job="tick",result="success"\} \d+/);
    expect(text).toMatch(/panoptes_plugin_up\{plugin="collector-good"\} 1/);
    expect(text).toMatch(/panoptes_plugin_errors_total\{plugin="collector-crashy",hook="start"\} \d+/);
  });

  it('offers registered notifiers to core through pluginHost(ctx)', async () => {
    const host = pluginHost(area!);
    expect(host.notifiers().types()).toEqual(['good']);
    const good = host.notifiers().get('good')!;
    await good.notify(exampleNotificationGroup(), {});
    await expect(good.notify(exampleNotificationGroup({ receiver: 'down' }), {})).rejects.toMatchObject({ code: 'PNP_PLUGIN_HOOK_FAILED', pluginId: 'collector-good' });
    await expect(good.notify(exampleNotificationGroup({ receiver: 'gone' }), {})).rejects.toMatchObject({ retryable: false });
    expect(good.checkConfig({}, 'r')).toEqual({ config: { channel: '#ops' } });
    expect(good.checkConfig({ chanel: 'x' }, 'panoptes.yml: alerting.receivers[0].good_configs[0]')).toEqual({
      problems: ['panoptes.yml: alerting.receivers[0].good_configs[0].chanel: unknown field (good notifier of plugin collector-good)'],
    });
    expect((await plugin('collector-good'))?.state).toBe('running');
  });

  it('applies a reloaded config: new plugin config restarts the plugin; a bad one is refused', async () => {
    const file = path.join(root, 'panoptes.yml');
    const { readFile } = await import('node:fs/promises');
    const original = (await readFile(file, 'utf8')).replace('every: 15x', 'url: http://example.com/');
    await writeFile(file, original.replace('greeting: hi', 'greeting: bonjour'));
    await server.reload();
    await inState('collector-good', 'running');
    expect(await (await fetch(`${base}/api/plugins/collector-good/hello/x`)).json()).toMatchObject({ greeting: 'bonjour' });
    expect(await inState('collector-strict', 'running')).toMatchObject({ config: { url: 'http://example.com/' }, lastError: null });
    await writeFile(file, original.replace('greeting: hi', 'greeting: 42'));
    await expect(server.reload()).rejects.toThrow(/panoptes\.yml:7:17: plugin collector-good: plugins\[0\]\.config\.greeting: expected a string, got number 42/);
    expect(await (await fetch(`${base}/api/plugins/collector-good/hello/x`)).json()).toMatchObject({ greeting: 'bonjour' });
  });
});
