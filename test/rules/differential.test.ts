import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine, MemoryQueryable } from '../../core/src/promql/index.js';
import { AlertingRule } from '../../core/src/rules/alerting-rule.js';
import { engineQueryFunc } from '../../core/src/rules/engine-query.js';
import { RuleGroup } from '../../core/src/rules/group.js';
import { parseRuleFile } from '../../core/src/rules/rule-file.js';
import type { OutputSample } from '../../core/src/rules/types.js';

/**
 * Differential test against Debian's Prometheus: Panoptes evaluates a rule
 * file over fixed input series and predicts, at every evaluation time, the
 * firing alerts (labels and expanded annotations) and the ALERTS and
 * ALERTS_FOR_STATE series. The prediction is written as a `promtool test
 * rules` unit test, and Prometheus' own rule engine must agree with every
 * line of it. Panoptes runs its own PromQL engine over an in-memory copy of
 * the same series, and reads ALERTS back through it, as Prometheus does.
 */

const run = promisify(execFile);
const promtool = await run('promtool', ['--version']).then(
  () => 'promtool',
  () => undefined,
);
if (!promtool) console.warn('promtool not found: install Debian\'s prometheus package (apt-get install prometheus) to run the differential test');

const STEP = 60_000;

interface Scenario {
  readonly name: string;
  readonly rules: string;
  /** Series selector → values at 0, 1m, 2m, …; null = no sample. */
  readonly series: Record<string, readonly (number | null)[]>;
  readonly minutes: number;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'for, resolution and templates',
    minutes: 12,
    rules: `groups:
  - name: node
    rules:
      - alert: InstanceDown
        expr: up == 0
        for: 3m
        labels:
          severity: page
          where: "{{ $labels.instance }}"
        annotations:
          summary: "{{ $labels.instance }} of {{ $labels.job }} down"
          value: "{{ $value }} {{ $value | humanize }}"
      - alert: HighLoad
        expr: load > 1000
        annotations:
          h: "{{ humanize $value }} / {{ humanize1024 $value }} / {{ printf \\"%.2f\\" $value }}"
          d: "{{ humanizeDuration $value }}"
          p: "{{ humanizePercentage $value }}"
          t: "{{ humanizeTimestamp $value }}"
`,
    series: {
      'up{instance="a:9100",job="node"}': [1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0],
      'up{instance="b:9100",job="node"}': [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1],
      'load{host="x"}': [1, 1234567.5, 3661, 1500000000.25, 1, 0.5, 2048, 1, 1, 1, 1, 1, 1],
    },
  },
  {
    name: 'keep_firing_for and flapping',
    minutes: 10,
    rules: `groups:
  - name: flap
    rules:
      - alert: Flapping
        expr: errors > 5
        for: 1m
        keep_firing_for: 3m
        labels: { team: db }
      - alert: Immediate
        expr: errors > 0
`,
    series: {
      'errors{db="main"}': [0, 10, 10, 0, 10, 0, 0, 0, 0, 0, 0],
      'errors{db="replica"}': [10, 10, 10, 10, 0, null, null, 10, 10, 10, 10],
    },
  },
  {
    // The window is 90s, not 2m: Prometheus 2.x (Debian's) selects ranges closed on the left,
    // 3.x (and Panoptes) open on the left, which differs only when a sample sits on the boundary.
    name: 'recording rule feeding an alert, with aggregation and rate',
    minutes: 14,
    rules: `groups:
  - name: recorded
    rules:
      - record: job:requests_failed:rate90s
        expr: sum by (job) (rate(requests_failed_total[90s]))
      - alert: ErrorsHigh
        expr: job:requests_failed:rate90s > 0.5
        for: 2m
        labels: { severity: warning }
        annotations:
          summary: "{{ $labels.job }}: {{ printf \\"%.3f\\" $value }} errors/s ({{ humanizePercentage $value }})"
`,
    series: {
      'requests_failed_total{job="api",instance="1"}': [0, 10, 20, 60, 120, 180, 240, 300, 300, 300, 300, 300, 300, 300, 300],
      'requests_failed_total{job="api",instance="2"}': [0, 0, 0, 30, 60, 90, 120, 150, 180, 180, 180, 180, 180, 180, 180],
      'requests_failed_total{job="web",instance="1"}': [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
    },
  },
];

function parseSelector(sel: string): Record<string, string> {
  const m = /^(\w+)\{(.*)\}$/.exec(sel)!;
  const labels: Record<string, string> = { __name__: m[1]! };
  for (const pair of m[2]!.matchAll(/(\w+)="([^"]*)"/g)) labels[pair[1]!] = pair[2]!;
  return labels;
}

function selector(labels: Readonly<Record<string, string>>): string {
  const { __name__: name = '', ...rest } = labels;
  const inner = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rest[k])}`)
    .join(',');
  return `${name}{${inner}}`;
}

/** Runs Panoptes over the scenario and returns promtool's unit-test document holding its predictions. */
async function predict(s: Scenario): Promise<object> {
  const toLabels = (r: Record<string, string>) =>
    Object.keys(r)
      .sort()
      .map((name) => ({ name, value: r[name]! }));
  const data = new MemoryQueryable();
  for (const [sel, values] of Object.entries(s.series)) {
    const labels = toLabels(parseSelector(sel));
    values.forEach((v, i) => v !== null && data.add(labels, i * STEP, v));
  }
  const { groups, problems } = parseRuleFile(s.rules, 'rules.yml');
  expect(problems).toEqual([]);
  // Rule output goes into the same store, so ALERTS can be queried back like in Prometheus.
  const write = async (out: readonly OutputSample[]) => {
    for (const o of out) data.add(toLabels(o.labels), o.t, o.v);
  };
  const query = engineQueryFunc(new Engine(data));
  const rulesGroups = groups.map((g) => new RuleGroup(g, STEP));
  const promqlTests: object[] = [];
  const alertTests: object[] = [];
  for (let minute = 0; minute <= s.minutes; minute++) {
    const t = minute * STEP;
    for (const g of rulesGroups) {
      g.restored = true;
      await g.eval(t, { query, write, notify: () => {}, externalLabels: {}, externalURL: '', resendDelay: STEP });
      for (const r of g.rules) {
        expect(r.health, `${r.name} at ${minute}m: ${r.lastError}`).toBe('ok');
        if (!(r instanceof AlertingRule)) continue;
        const firing = [...r.active.values()].filter((a) => a.state === 'firing');
        alertTests.push({
          eval_time: `${minute}m`,
          alertname: r.name,
          exp_alerts: firing.map((a) => {
            const { alertname: _n, ...labels } = a.labels;
            return { exp_labels: labels, exp_annotations: a.annotations };
          }),
        });
      }
    }
    for (const expr of ['ALERTS', 'ALERTS_FOR_STATE']) {
      const got = await query(expr, t);
      promqlTests.push({ expr, eval_time: `${minute}m`, exp_samples: got.map((x) => ({ labels: selector(x.labels), value: x.value })) });
    }
  }
  return {
    rule_files: ['rules.yml'],
    evaluation_interval: '1m',
    tests: [
      {
        interval: '1m',
        input_series: Object.entries(s.series).map(([series, values]) => ({
          series,
          values: values.map((v) => (v === null ? '_' : String(v))).join(' '),
        })),
        promql_expr_test: promqlTests,
        alert_rule_test: alertTests,
      },
    ],
  };
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-diff-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.skipIf(!promtool)('rule evaluation agrees with Prometheus (promtool test rules)', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (name, s) => {
    const sub = path.join(dir, name.replace(/\W+/g, '-'));
    await rm(sub, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(sub));
    await writeFile(path.join(sub, 'rules.yml'), s.rules);
    const doc = await predict(s);
    // JSON is YAML, so the prediction is written as JSON.
    await writeFile(path.join(sub, 'test.yml'), JSON.stringify(doc, null, 1));
    const res = await run(promtool!, ['test', 'rules', path.join(sub, 'test.yml')]).then(
      (r) => ({ ok: true, out: r.stdout + r.stderr }),
      (e: { stdout?: string; stderr?: string }) => ({ ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
    );
    expect(res.ok, res.out).toBe(true);
    // The scenario must exercise something: at least one firing alert was predicted.
    expect(JSON.stringify(doc)).toContain('exp_labels');
  });
});
