import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE, pipelineFor, SECOND } from './helpers.js';

let stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

function setup(config: Parameters<typeof pipelineFor>[0], start?: number) {
  const p = pipelineFor(config, start);
  stops.push(() => p.pipeline.stop());
  return p;
}

describe('alert pipeline', () => {
  it('sends a resolved notification after the alert resolves, then forgets the group', async () => {
    const { clock, pipeline, notifierFor } = setup({
      route: { receiver: 'r', group_wait: '10s', group_interval: '1m' },
      receivers: [{ name: 'r', rec_configs: [{}] }],
    });
    const labels = { alertname: 'Down', instance: 'a' };
    pipeline.receive([{ labels, endsAt: clock.now() + 5 * MINUTE }]);
    await clock.advance(10 * SECOND);
    pipeline.receive([{ labels, endsAt: clock.now() }]);
    await clock.advance(MINUTE);
    const got = notifierFor('rec').received.map((r) => [r.n.status, r.n.alerts[0]!.status]);
    expect(got).toEqual([
      ['firing', 'firing'],
      ['resolved', 'resolved'],
    ]);
    expect(pipeline.groups()).toHaveLength(0);
  });

  it('inhibits and silences, and says so in history', async () => {
    const { clock, pipeline, notifierFor, history, silences } = setup({
      route: { receiver: 'r', group_by: ['alertname'], group_wait: '0s', group_interval: '1m' },
      receivers: [{ name: 'r', rec_configs: [{}] }],
      inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['cluster'] }],
    });
    const sid = await silences.set({
      matchers: [{ name: 'alertname', value: 'Noisy', isRegex: false, isEqual: true }],
      startsAt: clock.now(),
      endsAt: clock.now() + HOUR,
      createdBy: 'ana',
      comment: 'known',
    });
    const ends = clock.now() + 10 * MINUTE;
    const [crit, warn, noisy] = pipeline.receive([
      { labels: { alertname: 'ClusterDown', severity: 'critical', cluster: 'a' }, endsAt: ends },
      { labels: { alertname: 'Slow', severity: 'warning', cluster: 'a' }, endsAt: ends },
      { labels: { alertname: 'Noisy', severity: 'info' }, endsAt: ends },
    ]);
    await clock.advance(SECOND);
    const sent = notifierFor('rec').received.map((r) => r.n.groupLabels.alertname);
    expect(sent).toEqual(['ClusterDown']);
    expect(pipeline.status(warn!)).toMatchObject({ state: 'suppressed', inhibitedBy: [crit!.fingerprint], silencedBy: [] });
    expect(pipeline.status(noisy!)).toMatchObject({ state: 'suppressed', silencedBy: [sid] });
    const states = await history.query({ kind: 'state', source: undefined } as never);
    expect(states.filter((e) => e.state === 'inhibited').map((e) => e.inhibitedBy)).toEqual([[crit!.fingerprint]]);
    expect(states.filter((e) => e.state === 'silenced').map((e) => e.silencedBy)).toEqual([[sid]]);
    const skipped = await history.query({ kind: 'notification', fingerprint: warn!.fingerprint });
    expect(skipped[0]).toMatchObject({ outcome: 'skipped', reason: 'every alert of the group is silenced or inhibited' });
  });

  it('retries a failing receiver with backoff while a healthy one is served at once', async () => {
    const { clock, pipeline, notifierFor, history, registry } = setup({
      route: { receiver: 'both', group_wait: '0s', group_interval: '5m' },
      receivers: [{ name: 'both', dead_configs: [{}], ok_configs: [{}] }],
    });
    const dead = notifierFor('dead');
    let failures = 0;
    dead.fail = () => (++failures <= 3 ? new Error('connect ECONNREFUSED 127.0.0.1:9') : undefined);
    pipeline.receive([{ labels: { alertname: 'A' }, endsAt: clock.now() + HOUR }]);
    await clock.advance(1);
    expect(notifierFor('ok').received).toHaveLength(1);
    expect(dead.received).toHaveLength(0);
    await clock.advance(1 * SECOND + 2 * SECOND + 4 * SECOND);
    expect(dead.received).toHaveLength(1);
    const attempts = await history.query({ kind: 'notification', receiver: 'both' });
    expect(attempts.filter((e) => e.integration === 'dead/0').map((e) => `${e.outcome}#${e.attempt}`)).toEqual([
      'attempt_failed#1',
      'attempt_failed#2',
      'attempt_failed#3',
      'sent#4',
    ]);
    const metrics = await registry.getMetricsAsJSON();
    const attemptsFailed = metrics.find((m) => m.name === 'panoptes_alerting_notification_attempts_failed_total')!;
    expect(attemptsFailed.values).toEqual([expect.objectContaining({ value: 3, labels: { receiver: 'both', integration: 'dead/0' } })]);
  });

  it('does not retry errors marked not retryable, and reports a missing notifier plugin', async () => {
    const { clock, pipeline, notifierFor, history } = setup({
      route: { receiver: 'r', group_wait: '0s' },
      receivers: [{ name: 'r', bad_configs: [{}], missing_configs: [{}] }],
    });
    notifierFor('bad').fail = () => Object.assign(new Error('HTTP 400 Bad Request'), { retryable: false });
    pipeline.receive([{ labels: { alertname: 'A' }, endsAt: clock.now() + HOUR }]);
    await clock.advance(MINUTE);
    const failed = (await history.query({ kind: 'notification' })).filter((e) => e.outcome === 'failed');
    expect(failed.map((e) => [e.integration, e.reason ?? e.error])).toEqual([
      ['missing/1', expect.stringContaining('no running notifier plugin provides missing_configs')],
      ['bad/0', 'error is not retryable'],
    ].sort((a, b) => (String(a[0]) < String(b[0]) ? 1 : -1)));
  });

  it('does not re-send after a restart when the notification log is restored', async () => {
    const config = {
      route: { receiver: 'r', group_wait: '30s', group_interval: '5m', repeat_interval: '4h' },
      receivers: [{ name: 'r', rec_configs: [{}] }],
    };
    const first = setup(config);
    const labels = { alertname: 'Down', instance: 'a' };
    first.pipeline.receive([{ labels, startsAt: first.clock.now(), endsAt: first.clock.now() + HOUR }]);
    await first.clock.advance(30 * SECOND);
    expect(first.notifierFor('rec').received).toHaveLength(1);
    const saved = new Map(first.pipeline.notifications.log);

    // A new process: same alert re-sent by the rules, log loaded from the keyspace.
    const second = setup(config, first.clock.now() + MINUTE);
    for (const [k, v] of saved) second.pipeline.notifications.log.set(k, v);
    second.pipeline.receive([{ labels, startsAt: first.clock.now() - 30 * SECOND, endsAt: second.clock.now() + HOUR }]);
    await second.clock.advance(10 * MINUTE);
    expect(second.notifierFor('rec').received).toHaveLength(0);
  });

  it('holds notifications outside active time intervals and inside mute intervals', async () => {
    // Monday 2026-11-23 12:00 UTC.
    const { clock, pipeline, notifierFor, history } = setup({
      route: {
        receiver: 'r',
        group_wait: '0s',
        group_interval: '1m',
        routes: [
          { matchers: ['team="night"'], active_time_intervals: ['nights'] },
          { matchers: ['team="day"'], mute_time_intervals: ['lunch'] },
        ],
      },
      receivers: [{ name: 'r', rec_configs: [{}] }],
      time_intervals: [
        { name: 'nights', time_intervals: [{ times: [{ start_time: '22:00', end_time: '24:00' }] }] },
        { name: 'lunch', time_intervals: [{ times: [{ start_time: '12:00', end_time: '13:00' }], weekdays: ['monday:friday'] }] },
      ],
    });
    pipeline.receive([
      { labels: { alertname: 'A', team: 'night' }, endsAt: clock.now() + 2 * HOUR },
      { labels: { alertname: 'B', team: 'day' }, endsAt: clock.now() + 2 * HOUR },
    ]);
    await clock.advance(30 * MINUTE);
    expect(notifierFor('rec').received).toHaveLength(0);
    const reasons = new Set((await history.query({ kind: 'notification' })).map((e) => e.reason));
    expect(reasons).toEqual(new Set(['outside active time intervals nights', 'muted by time interval lunch']));
    await clock.advance(31 * MINUTE); // 13:01: lunch is over
    expect(notifierFor('rec').received.map((r) => r.n.groupLabels)).toEqual([{}]);
  });
});
