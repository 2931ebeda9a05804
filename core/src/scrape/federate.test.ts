import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { createTestAreaContext } from '../ingest/testing/area-context.js';
import { MemoryStorage } from '../ingest/testing/memory-storage.js';
import { federate, formatExpositionFloat, parseMatchParams } from './federate.js';
import { registerFederateRoute } from './federate.js';
import { STALE_NAN } from './scrape-loop.js';

describe('formatExpositionFloat (Go strconv g, -1)', () => {
  it.each([
    [1, '1'], [1e6, '1e+06'], [1234567, '1.234567e+06'], [123456, '123456'], [0.0001, '0.0001'], [0.00001, '1e-05'],
    [-2.5, '-2.5'], [NaN, 'NaN'], [Infinity, '+Inf'], [-Infinity, '-Inf'], [1.7e308, '1.7e+308'],
  ])('%s → %s', (v, want) => expect(formatExpositionFloat(v)).toBe(want));
});

async function seeded(now: number) {
  const storage = new MemoryStorage();
  const app = storage.appender();
  const L = (o: Record<string, string>) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, value]) => ({ name, value }));
  app.append(0, L({ __name__: 'up', job: 'node', instance: 'a' }), now - 30_000, 1);
  app.append(0, L({ __name__: 'up', job: 'node', instance: 'a' }), now - 15_000, 0);
  app.append(0, L({ __name__: 'up', job: 'node', instance: 'b', dc: 'own' }), now - 15_000, 1);
  app.append(0, L({ __name__: 'up', job: 'gone', instance: 'c' }), now - 30_000, 1);
  app.append(0, L({ __name__: 'up', job: 'gone', instance: 'c' }), now - 15_000, STALE_NAN);
  app.append(0, L({ __name__: 'old', job: 'node' }), now - 600_000, 1);
  app.append(0, L({ __name__: 'mem_bytes', job: 'node', path: 'a"b\\c' }), now - 1000, 2_000_000);
  await app.commit();
  return storage;
}

describe('federate', () => {
  it('writes the newest sample of matching series, skipping stale and old ones, with external labels', async () => {
    const now = 1_700_000_000_000;
    const storage = await seeded(now);
    const body = await federate(storage, parseMatchParams(['{job=~"node|gone"}']), now, 300_000, { dc: 'eu1' });
    expect(body).toBe(
      [
        '# TYPE mem_bytes untyped',
        `mem_bytes{dc="eu1",job="node",path="a\\"b\\\\c"} 2e+06 ${now - 1000}`,
        '# TYPE up untyped',
        `up{dc="eu1",instance="a",job="node"} 0 ${now - 15_000}`,
        `up{dc="own",instance="b",job="node"} 1 ${now - 15_000}`,
        '',
      ].join('\n'),
    );
  });

  it('refuses selectors that match everything, over HTTP with 400', async () => {
    expect(() => parseMatchParams(['{job=~".*"}'])).toThrow(/must contain at least one|vector selector must/);
    expect(() => parseMatchParams(['{job!="x"}'])).toThrow();
    const storage = await seeded(Date.now());
    const config = parseConfig('global:\n  external_labels: { replica: r1 }\n', { file: 'p.yml', baseDir: '/', env: {} });
    const ctx = createTestAreaContext(storage, config);
    const app = Fastify();
    registerFederateRoute(app, ctx);
    const bad = await app.inject({ url: '/federate?match[]={job=~".*"}' });
    expect(bad.statusCode).toBe(400);
    const ok = await app.inject({ url: '/federate?match[]=up&match[]={__name__="mem_bytes"}' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0.0.4/);
    expect(ok.body).toMatch(/^up\{instance="b",job="node",replica="r1",dc="own"\}|up\{dc="own",instance="b",job="node",replica="r1"\} 1 \d+$/m);
    expect(ok.body).toMatch(/^mem_bytes\{job="node",path=.*,replica="r1"\} 2e\+06/m);
    await app.close();
  });
});
