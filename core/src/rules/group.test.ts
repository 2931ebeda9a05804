import { describe, expect, it } from 'vitest';
import { RuleGroup, type AlertTransition, type GroupDeps } from './group.js';
import { parseRuleFile } from './rule-file.js';
import type { OutgoingAlert, OutputSample, QueryFunc, QuerySample } from './types.js';

/** A query function over a script: the vector each expression returns at each time. */
function scripted(script: Record<string, (t: number) => QuerySample[]>): QueryFunc {
  return async (expr, at) => {
    const f = script[expr];
    if (!f) throw new Error(`no script for ${expr}`);
    return f(at);
  };
}

function setup(yaml: string, script: Record<string, (t: number) => QuerySample[]>) {
  const { groups, problems } = parseRuleFile(yaml, 'r.yml');
  expect(problems).toEqual([]);
  const group = new RuleGroup(groups[0]!, groups[0]!.interval ?? 60_000);
  group.restored = true;
  const written: OutputSample[] = [];
  const sent: OutgoingAlert[][] = [];
  const transitions: AlertTransition[] = [];
  const deps: GroupDeps = {
    query: scripted(script),
    write: async (s) => void written.push(...s),
    notify: (a) => void sent.push([...a]),
    externalLabels: { cluster: 'eu' },
    externalURL: 'http://p:9410',
    resendDelay: 60_000,
    onTransition: (t) => transitions.push(t),
  };
  return { group, written, sent, transitions, deps };
}

const MIN = 60_000;

describe('alerting rule state machine', () => {
  const yaml = `groups:
  - name: g
    interval: 1m
    rules:
      - alert: Down
        expr: up == 0
        for: 2m
        labels: { severity: page, inst: "{{ $labels.instance }}" }
        annotations: { summary: "{{ $labels.instance }} of {{ $externalLabels.cluster }} is {{ $value }}" }
`;
  const down = (from: number, to: number) => (t: number) =>
    t >= from && t < to ? [{ labels: { __name__: 'up', instance: 'a', job: 'n' }, value: 0 }] : [];

  it('goes pending, then firing after for, then resolved; writes ALERTS and sends only firing/resolved', async () => {
    const { group, written, sent, transitions, deps } = setup(yaml, { 'up == 0': down(MIN, 5 * MIN) });
    for (let t = 0; t <= 6 * MIN; t += MIN) await group.eval(t, deps);
    const rule = group.rules[0]!;
    expect(transitions.map((t) => `${t.at / MIN}:${t.from}->${t.to}`)).toEqual(['1:inactive->pending', '3:pending->firing', '5:firing->inactive']);
    const alerts = written.filter((s) => s.labels.__name__ === 'ALERTS' && !Number.isNaN(s.v));
    expect(alerts.map((s) => `${s.t / MIN}:${s.labels.alertstate}`)).toEqual(['1:pending', '2:pending', '3:firing', '4:firing']);
    expect(alerts[0]!.labels).toEqual({ __name__: 'ALERTS', alertname: 'Down', alertstate: 'pending', instance: 'a', inst: 'a', job: 'n', severity: 'page' });
    const forState = written.filter((s) => s.labels.__name__ === 'ALERTS_FOR_STATE' && !Number.isNaN(s.v));
    expect(forState.every((s) => s.v === 60)).toBe(true);
    // Stale markers when the pending series becomes firing and when the alert resolves.
    const stale = written.filter((s) => Number.isNaN(s.v)).map((s) => `${s.t / MIN}:${s.labels.__name__}:${s.labels.alertstate ?? ''}`);
    expect(stale).toEqual(['3:ALERTS:pending', '5:ALERTS:firing', '5:ALERTS_FOR_STATE:']);
    // Sent firing at 3 (not again at 4: 3m + 1m resend delay is not before 4m), resolved at 5 (not again at 6, same rule).
    expect(sent.map((batch) => batch.map((a) => `${a.startsAt / MIN}-${a.endsAt / MIN}`))).toEqual([['3-7'], ['3-5']]);
    expect(sent[0]![0]!.annotations.summary).toBe('a of eu is 0');
    expect(sent[0]![0]!.generatorURL).toBe('http://p:9410/graph?g0.expr=up%20%3D%3D%200&g0.tab=1');
    expect(rule.health).toBe('ok');
  });

  it('drops a pending alert that disappears, without sending', async () => {
    const { group, sent, transitions, deps } = setup(yaml, { 'up == 0': down(0, 2 * MIN) });
    for (let t = 0; t <= 3 * MIN; t += MIN) await group.eval(t, deps);
    expect(transitions.map((t) => `${t.from}->${t.to}`)).toEqual(['inactive->pending', 'pending->inactive']);
    expect(sent).toEqual([]);
    expect((group.rules[0] as { active: Map<string, unknown> }).active.size).toBe(0);
  });

  it('keeps firing for keep_firing_for after the condition clears', async () => {
    const { group, transitions, deps } = setup(
      `groups:
  - name: g
    rules:
      - alert: Flap
        expr: x
        keep_firing_for: 2m
`,
      { x: (t) => (t < MIN ? [{ labels: { a: '1' }, value: 1 }] : []) },
    );
    for (let t = 0; t <= 4 * MIN; t += MIN) await group.eval(t, deps);
    expect(transitions.map((t) => `${t.at / MIN}:${t.to}`)).toEqual(['0:firing', '3:inactive']);
  });

  it('fails the rule on duplicate label sets and on the limit, keeping the group running', async () => {
    const { group, deps } = setup(
      `groups:
  - name: g
    limit: 1
    rules:
      - alert: Dup
        expr: dup
      - alert: Many
        expr: many
      - record: ok:sum
        expr: one
`,
      {
        dup: () => [
          { labels: { __name__: 'a', x: '1' }, value: 1 },
          { labels: { __name__: 'b', x: '1' }, value: 1 },
        ],
        many: () => [
          { labels: { x: '1' }, value: 1 },
          { labels: { x: '2' }, value: 1 },
        ],
        one: () => [{ labels: { __name__: 'm', x: '1' }, value: 3 }],
      },
    );
    await group.eval(0, deps);
    expect(group.rules.map((r) => [r.health, r.lastError])).toEqual([
      ['err', 'vector contains metrics with the same labelset after applying alert labels'],
      ['err', 'exceeded limit of 1 with 2 alerts'],
      ['ok', ''],
    ]);
  });
});

describe('recording rules', () => {
  it('writes the result under the new name with rule and group labels, and stale markers for vanished series', async () => {
    const { group, written, deps } = setup(
      `groups:
  - name: g
    query_offset: 30s
    labels: { team: a }
    rules:
      - record: job:x:sum
        expr: x
        labels: { team: b, env: prod }
`,
      { x: (t) => (t === 30_000 ? [{ labels: { __name__: 'x', job: 'j' }, value: 5 }] : []) },
    );
    await group.eval(60_000, deps);
    await group.eval(120_000, deps);
    expect(written[0]).toEqual({ labels: { __name__: 'job:x:sum', job: 'j', team: 'b', env: 'prod' }, t: 30_000, v: 5 });
    expect(written).toHaveLength(2);
    expect(written[1]!.t).toBe(90_000);
    expect(Number.isNaN(written[1]!.v)).toBe(true);
  });
});
