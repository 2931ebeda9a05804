import { describe, expect, it } from 'vitest';
import { formatRuleProblem } from './errors.js';
import { parseRuleFile } from './rule-file.js';

describe('parseRuleFile', () => {
  it('reads groups with durations in ms and rule kinds', () => {
    const { groups, problems } = parseRuleFile(
      `groups:
  - name: node
    interval: 30s
    query_offset: 1m
    limit: 5
    labels: { team: infra }
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: Down
        expr: up == 0
        for: 5m
        keep_firing_for: 2m
        labels: { severity: page }
        annotations: { summary: "{{ $labels.instance }}" }
`,
      'r.yml',
    );
    expect(problems).toEqual([]);
    expect(groups).toHaveLength(1);
    const g = groups[0]!;
    expect([g.interval, g.queryOffset, g.limit, g.labels]).toEqual([30_000, 60_000, 5, { team: 'infra' }]);
    expect(g.rules[0]).toMatchObject({ kind: 'recording', name: 'job:up:sum' });
    expect(g.rules[1]).toMatchObject({ kind: 'alerting', name: 'Down', for: 300_000, keepFiringFor: 120_000, labels: { severity: 'page' } });
  });

  it('names file, position, group, rule index and rule name in each problem', () => {
    const { problems } = parseRuleFile(
      `groups:
  - name: cpu
    rules:
      - alert: Fine
        expr: up
      - alert: HighCPU
        expr: rate(x[5m]
`,
      'rules/cpu.yml',
    );
    expect(problems).toHaveLength(1);
    expect(formatRuleProblem(problems[0]!)).toMatch(/^rules\/cpu\.yml:7:15: group "cpu", rule 2, "HighCPU": could not parse expression: /);
  });

  it('reports every problem, not just the first', () => {
    const { problems } = parseRuleFile(
      `groups:
  - name: g
    rules:
      - record: a-b
        expr: up
        for: 1m
      - alert: X
`,
      'r.yml',
    );
    expect(problems.map((p) => p.message)).toEqual([
      "invalid field 'for' in recording rule",
      'invalid recording rule name: a-b',
      "field 'expr' must be set in rule",
    ]);
  });

  it('warns about $value in label templates', () => {
    const { problems, warnings } = parseRuleFile(
      `groups:
  - name: g
    rules:
      - alert: X
        expr: up
        labels: { v: "{{ $value }}" }
`,
      'r.yml',
    );
    expect(problems).toEqual([]);
    expect(warnings[0]?.message).toContain('uses $value');
  });
});
