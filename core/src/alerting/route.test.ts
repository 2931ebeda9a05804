import { describe, expect, it } from 'vitest';
import { compileAlertingConfig } from './compile-config.js';
import { groupKey } from './route.js';

const cfg = compileAlertingConfig({
  route: {
    receiver: 'default',
    group_by: ['alertname'],
    routes: [
      { matchers: ['severity="page"'], receiver: 'pager', group_wait: '10s', continue: true },
      { matchers: ['team=~"db|storage"'], receiver: 'db', group_by: ['...'] },
      { matchers: ['team!="web"', 'env!~"dev|test"'], receiver: 'ops', routes: [{ match: { region: 'eu' }, receiver: 'ops-eu' }] },
    ],
  },
  receivers: [{ name: 'default' }, { name: 'pager' }, { name: 'db' }, { name: 'ops' }, { name: 'ops-eu' }],
});

const receivers = (labels: Record<string, string>) => cfg.route.match(labels).map((r) => r.opts.receiver);

describe('route tree', () => {
  it.each([
    [{ alertname: 'A', team: 'web' }, ['default']],
    [{ alertname: 'A', severity: 'page', team: 'db' }, ['pager', 'db']],
    [{ alertname: 'A', team: 'db' }, ['db']],
    [{ alertname: 'A', team: 'x', env: 'prod' }, ['ops']],
    [{ alertname: 'A', team: 'x', env: 'dev' }, ['default']],
    [{ alertname: 'A', team: 'x', region: 'eu' }, ['ops-eu']],
  ])('%j goes to %j', (labels, want) => expect(receivers(labels)).toEqual(want));

  it('inherits options from the parent and computes Alertmanager route and group keys', () => {
    const [pager] = cfg.route.match({ alertname: 'Down', severity: 'page', instance: 'a' });
    expect(pager!.opts).toMatchObject({ groupWait: 10_000, groupInterval: 300_000, repeatInterval: 4 * 3600_000, groupBy: ['alertname'] });
    expect(groupKey(pager!, pager!.groupLabels({ alertname: 'Down', severity: 'page', instance: 'a' }))).toBe('{}/{severity="page"}:{alertname="Down"}');
    const [db] = cfg.route.match({ alertname: 'X', team: 'db', instance: 'b' });
    expect(db!.opts.groupByAll).toBe(true);
    expect(db!.groupLabels({ alertname: 'X', team: 'db', instance: 'b' })).toEqual({ alertname: 'X', team: 'db', instance: 'b' });
  });

  it('reports every config problem with its path', () => {
    expect(() =>
      compileAlertingConfig({
        route: { receiver: 'nope', matchers: ['a=b'], routes: [{ matchers: ['bad'], mute_time_intervals: ['never'], group_wait: '5x' }] },
        receivers: [{ name: 'x' }, { name: 'x' }],
      }),
    ).toThrow(
      /alerting\.receivers\[1\]\.name: receiver "x" is defined twice[\s\S]*route\.receiver: undefined receiver "nope"[\s\S]*route\.routes\[0\]\.mute_time_intervals: undefined time interval "never"[\s\S]*route\.routes\[0\]\.group_wait: "5x" is not a duration[\s\S]*route\.routes\[0\]\.matchers\[0\]: bad matcher format: bad/,
    );
  });

  it('reads <type>_configs entries as notifier entries', () => {
    const c = compileAlertingConfig({
      route: { receiver: 'r' },
      receivers: [{ name: 'r', webhook_configs: [{ url: 'http://x', send_resolved: false }], dingtalk_configs: [{ token: 't', max_alerts: 5 }] }],
    });
    expect(c.receivers.get('r')!.notifiers).toEqual([
      { type: 'webhook', index: 0, sendResolved: false, maxAlerts: 0, config: { url: 'http://x', send_resolved: false } },
      { type: 'dingtalk', index: 1, sendResolved: true, maxAlerts: 5, config: { token: 't', max_alerts: 5 } },
    ]);
  });
});
