import { describe, expect, it } from 'vitest';
import { definePlugin } from '../define-plugin.js';
import { createTestHarness, exampleNotificationGroup } from './index.js';

const counter = definePlugin<{ interval: string; greeting: string }>({
  id: 'collector-counter',
  version: '1.0.0',
  sdk: '^1.0.0',
  kinds: ['collector', 'notifier'],
  description: 'Counts ticks.',
  configSchema: {
    type: 'object',
    properties: { interval: { type: 'string', default: '10s' }, greeting: { type: 'string', default: 'hi' } },
  },
  start(ctx) {
    let ticks = 0;
    const runs = ctx.metrics.counter({ name: 'counter_runs_total', help: 'runs' });
    ctx.jobs.every({ name: 'tick', interval: ctx.config.interval, jitter: 0.5 }, async () => {
      ticks++;
      runs.inc();
      await ctx.appender.append([{ name: 'ticks_total', labels: { greeting: ctx.config.greeting }, value: ticks }]);
      await ctx.store.putJson('ticks', ticks);
    });
    ctx.http.route({ method: 'GET', path: '/ticks/:format', handler: (req) => ({ body: { ticks, format: req.params.format } }) });
    ctx.notifiers.register({
      type: 'counter',
      configSchema: { type: 'object', properties: { fail: { type: 'boolean', default: false } } },
      async notify(_group, config: { fail: boolean }) {
        if (config.fail) throw new Error('receiver down');
      },
    });
  },
});

describe('TestHarness', () => {
  it('runs jobs on the fake clock and captures samples, store and metrics', async () => {
    const h = createTestHarness(counter, { config: { greeting: 'hello' }, now: 1_000_000 });
    expect(h.config).toEqual({ interval: '10s', greeting: 'hello' });
    await h.start();
    await h.advance('35s');
    expect(h.samples.map((s) => [s.timestamp, s.value])).toEqual([
      [1_000_000, 1],
      [1_010_000, 2],
      [1_020_000, 3],
      [1_030_000, 4],
    ]);
    expect(h.samples[0]?.labels).toEqual({ greeting: 'hello' });
    expect(await h.store.getJson('ticks')).toBe(4);
    expect(h.metrics.value('counter_runs_total')).toBe(4);
    await h.stop();
    await h.advance('1m');
    expect(h.samples).toHaveLength(4);
  });

  it('applies jitter to the first run only', async () => {
    const h = createTestHarness(counter, { now: 0, random: () => 0.5 });
    await h.start();
    await h.advance('30s');
    expect(h.samples.map((s) => s.timestamp)).toEqual([2_500, 12_500, 22_500]);
  });

  it('serves routes and delivers notifications', async () => {
    const h = createTestHarness(counter);
    await h.start();
    const res = await h.request('GET', '/api/plugins/collector-counter/ticks/json');
    expect(res).toMatchObject({ status: 200, body: { ticks: 0, format: 'json' } });
    expect((await h.request('GET', '/api/plugins/collector-counter/nope')).status).toBe(404);
    await h.notify('counter', exampleNotificationGroup());
    await expect(h.notify('counter', exampleNotificationGroup(), { fail: true })).rejects.toThrow('receiver down');
    expect(h.notifications.map((n) => n.error === undefined)).toEqual([true, false]);
  });

  it('gives the plugin the fake clock and refuses duplicate routes', async () => {
    const clocky = definePlugin({
      id: 'collector-clocky',
      version: '1.0.0',
      sdk: '^1.0.0',
      kinds: ['collector'],
      description: 'Reads the clock.',
      start(ctx) {
        ctx.jobs.every({ name: 'now', interval: '1m' }, () => ctx.appender.append([{ name: 'seen_time', value: ctx.now() }]));
        ctx.http.route({ method: 'GET', path: '/x', handler: () => undefined });
        ctx.http.route({ method: 'GET', path: '/x', handler: () => undefined });
      },
    });
    const h = createTestHarness(clocky, { now: 5_000 });
    await expect(h.start()).rejects.toMatchObject({ code: 'PNP_SDK_ROUTE' });
  });

  it('refuses capabilities the manifest does not declare', async () => {
    const sneaky = definePlugin({
      id: 'collector-sneaky',
      version: '1.0.0',
      sdk: '^1.0.0',
      kinds: ['collector'],
      description: 'Registers a detector without saying so.',
      start(ctx) {
        ctx.detectors.register({ name: 'x', description: 'x', detect: () => [] });
      },
    });
    await expect(createTestHarness(sneaky).start()).rejects.toMatchObject({ code: 'PNP_SDK_CAPABILITY' });
  });
});

describe('checkPluginConformance', () => {
  it('passes a well-behaved plugin and names what a bad one does wrong', async () => {
    const { checkPluginConformance } = await import('./index.js');
    expect(await checkPluginConformance(counter)).toEqual([]);
    let starts = 0;
    const leaky = definePlugin({
      id: 'collector-leaky',
      version: '1.0.0',
      sdk: '^1.0.0',
      kinds: ['collector'],
      description: 'Registers a new job name on every start and fails its job.',
      start(ctx) {
        starts++;
        ctx.jobs.every({ name: `job-${starts}`, interval: '10s' }, () => {
          throw new Error('always fails');
        });
      },
    });
    const problems = await checkPluginConformance(leaky);
    expect(problems.some((p) => p.startsWith('job job-1 threw: always fails'))).toBe(true);
    expect(problems.some((p) => p.startsWith('a second start registered'))).toBe(true);
  });
});
