import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerAlertmanagerApi } from '../../core/src/alerting/api-v2.js';
import { registerHistoryApi } from '../../core/src/alerting/history-api.js';
import { HOUR, MINUTE, pipelineFor, SECOND } from './helpers.js';

/** The Alertmanager v2 and history APIs over a pipeline on a manual clock (fastify.inject: the network is not the subject). */
async function setup() {
  const p = pipelineFor({
    route: { receiver: 'team', group_by: ['alertname'], group_wait: '30s', group_interval: '5m', repeat_interval: '1h', routes: [{ matchers: ['severity="page"'], receiver: 'pager' }] },
    receivers: [{ name: 'team', rec_configs: [{}] }, { name: 'pager', rec_configs: [{}] }],
    inhibit_rules: [{ source_matchers: ['severity="page"'], target_matchers: ['severity="ticket"'], equal: ['cluster'] }],
  });
  const app = Fastify();
  registerAlertmanagerApi(app, () => p.pipeline, { configYaml: () => 'alerting: {}\n', startTime: 0, version: { version: '0.1.0' } });
  registerHistoryApi(app, { pipeline: () => p.pipeline, history: () => p.history });
  await app.ready();
  return { ...p, app };
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

describe('Alertmanager API v2', () => {
  it('takes alerts, keeps the valid ones of a bad batch, and lists them with status and receivers', async () => {
    const { app, pipeline, clock } = await setup();
    cleanup = async () => {
      pipeline.stop();
      await app.close();
    };
    const t = (ms: number) => new Date(clock.now() + ms).toISOString();
    const post = await app.inject({
      method: 'POST',
      url: '/api/v2/alerts',
      payload: [
        { labels: { alertname: 'Down', severity: 'page', cluster: 'a' }, annotations: { summary: 's' }, startsAt: t(-MINUTE), endsAt: t(HOUR) },
        { labels: { alertname: 'Slow', severity: 'ticket', cluster: 'a', empty: '' } },
        { labels: { 'bad-name': 'x' } },
        { labels: { alertname: 'X' }, startsAt: 'yesterday' },
      ],
    });
    expect(post.statusCode).toBe(400);
    expect(post.json()).toBe('alert 2: invalid label name "bad-name"; alert 3: startsAt: "yesterday" is not an RFC 3339 time');

    const all = (await app.inject('/api/v2/alerts')).json() as { labels: Record<string, string>; receivers: { name: string }[]; status: { state: string; inhibitedBy: string[] }; fingerprint: string }[];
    expect(all.map((a) => [a.labels.alertname, a.receivers, a.status.state])).toEqual(
      expect.arrayContaining([
        ['Down', [{ name: 'pager' }], 'active'],
        ['Slow', [{ name: 'team' }], 'suppressed'],
      ]),
    );
    const slow = all.find((a) => a.labels.alertname === 'Slow')!;
    expect(slow.labels).toEqual({ alertname: 'Slow', severity: 'ticket', cluster: 'a' });
    expect(slow.status.inhibitedBy).toEqual([all.find((a) => a.labels.alertname === 'Down')!.fingerprint]);

    expect(((await app.inject('/api/v2/alerts?inhibited=false')).json() as unknown[]).length).toBe(1);
    expect(((await app.inject('/api/v2/alerts?active=false')).json() as unknown[]).length).toBe(1);
    expect(((await app.inject('/api/v2/alerts?receiver=pag.*')).json() as unknown[]).length).toBe(1);
    expect(((await app.inject(`/api/v2/alerts?filter=${encodeURIComponent('alertname=~"S.*"')}`)).json() as unknown[]).length).toBe(1);
    expect((await app.inject('/api/v2/alerts?filter=nonsense')).statusCode).toBe(400);

    const groups = (await app.inject('/api/v2/alerts/groups')).json() as { labels: Record<string, string>; receiver: { name: string } }[];
    expect(groups.map((g) => [g.labels, g.receiver.name])).toEqual(
      expect.arrayContaining([
        [{ alertname: 'Down' }, 'pager'],
        [{ alertname: 'Slow' }, 'team'],
      ]),
    );
    expect((await app.inject('/api/v2/receivers')).json()).toEqual([{ name: 'team' }, { name: 'pager' }]);
  });

  it('creates, updates, lists, filters, gets and expires silences', async () => {
    const { app, pipeline, clock } = await setup();
    cleanup = async () => {
      pipeline.stop();
      await app.close();
    };
    const t = (ms: number) => new Date(clock.now() + ms).toISOString();
    const body = { matchers: [{ name: 'job', value: 'node', isRegex: false }], startsAt: t(0), endsAt: t(HOUR), createdBy: 'ana', comment: 'maintenance' };
    const created = await app.inject({ method: 'POST', url: '/api/v2/silences', payload: body });
    expect(created.statusCode).toBe(200);
    const { silenceID } = created.json() as { silenceID: string };
    const updated = await app.inject({ method: 'POST', url: '/api/v2/silences', payload: { ...body, id: silenceID, endsAt: t(2 * HOUR), comment: 'longer' } });
    expect(updated.json()).toEqual({ silenceID });
    const pending = await app.inject({ method: 'POST', url: '/api/v2/silences', payload: { ...body, matchers: [{ name: 'job', value: 'db', isRegex: false }], startsAt: t(HOUR), endsAt: t(2 * HOUR) } });
    const pendingId = (pending.json() as { silenceID: string }).silenceID;

    const list = (await app.inject('/api/v2/silences')).json() as { id: string; status: { state: string }; comment: string; matchers: unknown[] }[];
    expect(list.map((s) => [s.id, s.status.state])).toEqual([
      [silenceID, 'active'],
      [pendingId, 'pending'],
    ]);
    expect(list[0]!.comment).toBe('longer');
    expect(list[0]!.matchers).toEqual([{ name: 'job', value: 'node', isRegex: false, isEqual: true }]);
    expect(((await app.inject(`/api/v2/silences?filter=${encodeURIComponent('job="db"')}`)).json() as unknown[]).length).toBe(1);

    expect((await app.inject(`/api/v2/silence/${silenceID}`)).json()).toMatchObject({ id: silenceID, createdBy: 'ana' });
    expect((await app.inject({ method: 'DELETE', url: `/api/v2/silence/${silenceID}` })).statusCode).toBe(200);
    expect((await app.inject(`/api/v2/silence/${silenceID}`)).json()).toMatchObject({ status: { state: 'expired' } });
    expect((await app.inject('/api/v2/silence/nope')).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/api/v2/silence/nope' })).statusCode).toBe(404);
    const bad = await app.inject({ method: 'POST', url: '/api/v2/silences', payload: { ...body, matchers: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toContain('at least one matcher is required');
  });
});

describe('alert history API', () => {
  it('explains waiting, notifying, repeat and silencing, and lists history by filters', async () => {
    const { app, pipeline, clock } = await setup();
    cleanup = async () => {
      pipeline.stop();
      await app.close();
    };
    const [alert] = pipeline.receive([{ labels: { alertname: 'Down', severity: 'page', cluster: 'a' }, endsAt: clock.now() + HOUR }]);
    const explain = async () => ((await app.inject(`/api/v1/alerts/explain?fingerprint=${alert!.fingerprint}`)).json() as { data: { reasons: string[] } }).data.reasons;
    expect((await explain())[0]).toMatch(/^waiting for group_wait of group \{\}\/\{severity="page"\}:\{alertname="Down"\}: first notification due /);
    await clock.advance(30 * SECOND);
    expect((await explain())[0]).toMatch(/^notified pager via rec\/0 at .*; unchanged, so it repeats after repeat_interval/);
    await pipeline.silences.set({
      matchers: [{ name: 'alertname', value: 'Down', isRegex: false, isEqual: true }],
      startsAt: clock.now(),
      endsAt: clock.now() + HOUR,
      createdBy: 'ana',
      comment: 'on it',
    });
    await clock.advance(5 * MINUTE);
    expect((await explain())[0]).toMatch(/^silenced by silence [0-9a-f-]+ \(by ana: "on it", until /);

    const q = async (params: string) =>
      ((await app.inject(`/api/v1/alerts/history?${params}`)).json() as { data: { events: { kind: string; state?: string; outcome?: string; reason?: string }[] } }).data.events;
    expect((await q('kind=state')).map((e) => e.state)).toEqual(['firing', 'silenced']);
    expect((await q('receiver=pager')).map((e) => e.outcome)).toEqual(['sent', 'skipped']);
    expect((await q(`match[]=${encodeURIComponent('{alertname="Down"}')}&kind=notification`)).map((e) => e.reason)).toEqual([
      'first notification of the group',
      'every alert of the group is silenced or inhibited',
    ]);
    expect((await q(`start=${(clock.now() - MINUTE) / 1000}`)).map((e) => e.outcome ?? e.state)).toEqual(['silenced', 'skipped']);
    expect((await app.inject('/api/v1/alerts/history?state=bogus')).statusCode).toBe(400);
    expect((await app.inject('/api/v1/alerts/explain')).statusCode).toBe(400);
  });
});
