/**
 * Rule evaluation figures: one alerting rule whose query returns N series,
 * with templated labels and annotations, evaluated repeatedly (the query is a
 * fixed in-memory vector, so this is the rule engine's own cost).
 *
 * Run: npx tsc -b && node core/dist/rules/bench/rules-bench.js
 */
import { RuleGroup } from '../group.js';
import { parseRuleFile } from '../rule-file.js';
import type { QuerySample } from '../types.js';

const RULES = `groups:
  - name: bench
    rules:
      - alert: HighLatency
        expr: latency > 1
        for: 5m
        labels: { severity: warning, where: "{{ $labels.instance }}" }
        annotations:
          summary: "{{ $labels.instance }} latency {{ $value | humanizeDuration }}"
          detail: "{{ printf \\"%.2f\\" $value }}s over threshold on {{ $labels.job }}"
`;

async function bench(series: number, evals: number): Promise<void> {
  const vector: QuerySample[] = Array.from({ length: series }, (_, i) => ({
    labels: { __name__: 'latency', instance: `host-${i}:9100`, job: 'api' },
    value: 1.5 + (i % 100) / 10,
  }));
  const { groups } = parseRuleFile(RULES, 'bench.yml');
  const group = new RuleGroup(groups[0]!, 60_000);
  group.restored = true;
  let written = 0;
  let sent = 0;
  const deps = {
    query: async () => vector,
    write: async (s: readonly unknown[]) => void (written += s.length),
    notify: (a: readonly unknown[]) => void (sent += a.length),
    externalLabels: {},
    externalURL: 'http://p',
    resendDelay: 60_000,
  };
  await group.eval(0, deps); // warm-up, creates the alerts
  const t0 = performance.now();
  for (let i = 1; i <= evals; i++) await group.eval(i * 60_000, deps);
  const ms = (performance.now() - t0) / evals;
  console.log(
    `${String(series).padStart(6)} series: ${ms.toFixed(1)} ms per evaluation (${((ms * 1000) / series).toFixed(1)} µs per alert), ` +
      `${written} samples written, ${sent} alerts sent over ${evals + 1} evaluations`,
  );
}

await bench(100, 20);
await bench(1_000, 10);
await bench(10_000, 3);
