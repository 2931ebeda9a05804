import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerRulesApi, rfc3339 } from './api.js';
import { RuleGroup } from './group.js';
import { parseRuleFile } from './rule-file.js';

const RULES = `groups:
  - name: g1
    interval: 30s
    limit: 10
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: Down
        expr: up == 0
        for: 1m
        keep_firing_for: 30s
        labels: { severity: page }
        annotations: { summary: "{{ $labels.instance }} down" }
  - name: g2
    rules:
      - alert: Broken
        expr: nope
`;

async function setup() {
  const { groups: specs } = parseRuleFile(RULES, 'rules.yml');
  const groups = specs.map((s) => new RuleGroup(s, s.interval ?? 60_000));
  const deps = {
    query: async (expr: string) => {
      if (expr === 'nope') throw new Error('query failed: boom');
      return expr === 'up == 0' ? [{ labels: { __name__: 'up', instance: 'a', job: 'n' }, value: 0 }] : [{ labels: { job: 'n' }, value: 2 }];
    },
    write: async () => {},
    notify: () => {},
    externalLabels: {},
    externalURL: '',
    resendDelay: 60_000,
  };
  for (const g of groups) {
    g.restored = true;
    await g.eval(1_700_000_000_000, deps);
  }
  const app = Fastify();
  registerRulesApi(app, () => groups);
  await app.ready();
  return app;
}

describe('/api/v1/rules and /api/v1/alerts', () => {
  it('answers in Prometheus shape', async () => {
    const app = await setup();
    const body = (await app.inject('/api/v1/rules')).json();
    expect(body.status).toBe('success');
    const [g1, g2] = body.data.groups;
    expect(g1).toMatchObject({ name: 'g1', file: 'rules.yml', interval: 30, limit: 10, lastEvaluation: '2023-11-14T22:13:20Z' });
    expect(g1.rules[0]).toMatchObject({ type: 'recording', name: 'job:up:sum', query: 'sum by (job) (up)', health: 'ok', labels: {} });
    expect(g1.rules[0].lastError).toBeUndefined();
    expect(g1.rules[1]).toMatchObject({
      type: 'alerting',
      name: 'Down',
      state: 'pending',
      duration: 60,
      keepFiringFor: 30,
      labels: { severity: 'page' },
      annotations: { summary: '{{ $labels.instance }} down' },
      health: 'ok',
      alerts: [{ labels: { alertname: 'Down', instance: 'a', job: 'n', severity: 'page' }, annotations: { summary: 'a down' }, state: 'pending', activeAt: '2023-11-14T22:13:20Z', value: '0e+00' }],
    });
    expect(g2.rules[0]).toMatchObject({ health: 'err', lastError: 'query failed: boom', state: 'inactive', alerts: [] });

    const alerts = (await app.inject('/api/v1/rules?type=alert&exclude_alerts=true')).json().data.groups;
    expect(alerts.flatMap((g: { rules: { name: string; alerts?: unknown }[] }) => g.rules.map((r) => [r.name, r.alerts]))).toEqual([
      ['Down', undefined],
      ['Broken', undefined],
    ]);
    expect((await app.inject('/api/v1/rules?type=record')).json().data.groups.map((g: { name: string }) => g.name)).toEqual(['g1']);
    expect((await app.inject('/api/v1/rules?rule_group[]=g2')).json().data.groups.map((g: { name: string }) => g.name)).toEqual(['g2']);
    expect((await app.inject('/api/v1/rules?rule_name[]=Down')).json().data.groups[0].rules.map((r: { name: string }) => r.name)).toEqual(['Down']);
    expect((await app.inject('/api/v1/rules?type=bogus')).statusCode).toBe(400);

    expect((await app.inject('/api/v1/alerts')).json()).toEqual({
      status: 'success',
      data: { alerts: [expect.objectContaining({ state: 'pending', value: '0e+00', activeAt: '2023-11-14T22:13:20Z' })] },
    });
    await app.close();
  });

  it('prints times as Go RFC 3339 with trimmed fractions', () => {
    expect(rfc3339(1_700_000_000_000)).toBe('2023-11-14T22:13:20Z');
    expect(rfc3339(1_700_000_000_120)).toBe('2023-11-14T22:13:20.12Z');
    expect(rfc3339(0)).toBe('0001-01-01T00:00:00Z');
  });
});
