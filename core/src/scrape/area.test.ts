import { mkdtemp, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { createTestAreaContext } from '../ingest/testing/area-context.js';
import { MemoryStorage } from '../ingest/testing/memory-storage.js';
import { scrapeArea, scrapeManagerFor } from './area.js';
import { startExpositionServer } from './testing.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function startArea(yaml: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-scrape-'));
  const config = parseConfig(yaml, { file: 'panoptes.yml', baseDir: dir, env: {} });
  const storage = new MemoryStorage();
  const ctx = createTestAreaContext(storage, config);
  const app = Fastify();
  await app.register(async (scope) => scrapeArea(scope, ctx));
  await app.ready();
  for (const h of ctx.hooks.ready) await h();
  cleanup.push(async () => {
    for (const h of ctx.hooks.shutdown) await h();
    await app.close();
  });
  return { app, ctx, storage, dir };
}

describe('scrape area', () => {
  it('serves /api/v1/targets in Prometheus shape', async () => {
    const target = await startExpositionServer(() => ({ body: 'm 1\n' }));
    cleanup.push(target.close);
    const { app, ctx } = await startArea(`
scrape_configs:
  - job_name: web
    scrape_interval: 1s
    static_configs:
      - targets: ['${target.address}']
    relabel_configs:
      - source_labels: [__address__]
        regex: 'nowhere:.*'
        action: drop
  - job_name: other
    scrape_interval: 1s
    static_configs:
      - targets: ['nowhere:1']
    relabel_configs:
      - source_labels: [__address__]
        regex: 'nowhere:.*'
        action: drop
`);
    const manager = scrapeManagerFor(ctx)!;
    await until(() => [...manager.pools.get('web')!.loops.values()][0]!.health === 'up', 'first scrape');
    const res = await app.inject({ url: '/api/v1/targets' });
    const body = res.json();
    expect(body.status).toBe('success');
    expect(body.data.activeTargets).toHaveLength(1);
    const t = body.data.activeTargets[0];
    expect(t).toMatchObject({
      labels: { instance: target.address, job: 'web' },
      scrapePool: 'web',
      scrapeUrl: `http://${target.address}/metrics`,
      lastError: '',
      health: 'up',
      scrapeInterval: '1s',
      scrapeTimeout: '1s',
    });
    expect(t.discoveredLabels).toMatchObject({ __address__: target.address, job: 'web', __scrape_interval__: '1s' });
    expect(typeof t.lastScrapeDuration).toBe('number');
    expect(t.lastScrape).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(body.data.droppedTargets).toEqual([{ discoveredLabels: expect.objectContaining({ __address__: 'nowhere:1' }), scrapePool: 'other' }]);
    expect(body.data.droppedTargetCounts).toEqual({ other: 1, web: 0 });
    const dropped = (await app.inject({ url: '/api/v1/targets?state=dropped&scrapePool=other' })).json();
    expect(dropped.data.activeTargets).toEqual([]);
    expect(dropped.data.droppedTargets).toHaveLength(1);
  });

  it('follows file_sd files as they change, and marks removed targets stale', async () => {
    const a = await startExpositionServer(() => ({ body: 'from_a 1\n' }));
    const b = await startExpositionServer(() => ({ body: 'from_b 1\n' }));
    cleanup.push(a.close, b.close);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-filesd-'));
    const write = async (name: string, content: string) => {
      // Write then rename, as config management tools do, so a half-written file is never read.
      await writeFile(path.join(dir, `.${name}.tmp`), content);
      await rename(path.join(dir, `.${name}.tmp`), path.join(dir, name));
    };
    await write('targets.json', JSON.stringify([{ targets: [a.address], labels: { team: 'x' } }]));
    const { ctx, storage } = await startArea(`
scrape_configs:
  - job_name: fsd
    scrape_interval: 1s
    file_sd_configs:
      - files: ['${dir}/*.json', '${dir}/*.yml']
        refresh_interval: 1m
`);
    const pool = scrapeManagerFor(ctx)!.pools.get('fsd')!;
    await until(() => storage.find({ __name__: 'from_a', job: 'fsd', instance: a.address, team: 'x' }) !== undefined, 'scrape of a');
    const discovered = [...pool.loops.values()][0]!.target.discoveredLabels;
    expect(discovered.__meta_filepath).toBe(path.join(dir, 'targets.json'));
    await write('more.yml', `- targets: ['${b.address}']\n`);
    await until(() => storage.find({ __name__: 'from_b', job: 'fsd', instance: b.address }) !== undefined, 'scrape of b after adding a file');
    await write('targets.json', '[]');
    await until(() => pool.loops.size === 1, 'a removed');
    const up = storage.find({ __name__: 'up', job: 'fsd', instance: a.address, team: 'x' })!;
    expect(up.valueBits.at(-1)).toBe(0x7ff0000000000002n);
  });

  it('refuses a reload whose relabel regex does not compile', async () => {
    const { ctx } = await startArea('scrape_configs: []\n');
    const bad = parseConfig(`
scrape_configs:
  - job_name: j
    relabel_configs:
      - source_labels: [a]
        regex: '(?<=x)y'
        target_label: b
`, { file: 'panoptes.yml', baseDir: '/', env: {} });
    expect(() => ctx.hooks.check[0]!(bad)).toThrow(/scrape_configs\[0\] \(job j\)\.relabel_configs\[0\]: regex .* look-around/);
  });
});
