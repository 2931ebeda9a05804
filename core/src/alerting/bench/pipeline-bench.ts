/**
 * Alert pipeline figures: how long a storm of N alerts takes from arrival to
 * the last notification handed to the notifier (routing, grouping, dedup,
 * notification building), and the heap it holds. A manual clock skips the
 * group_wait, so the figure is CPU time, not waiting.
 *
 * Run: npx tsc -b && node core/dist/alerting/bench/pipeline-bench.js
 */
import { AlertPipeline } from '../alert-pipeline.js';
import { ManualClock } from '../clock.js';
import { compileAlertingConfig } from '../compile-config.js';
import { Silences } from '../silences.js';

async function storm(alerts: number, groups: number, withInhibition: boolean): Promise<void> {
  const clock = new ManualClock(Date.parse('2026-11-23T12:00:00Z'));
  let notified = 0;
  let alertsNotified = 0;
  const pipeline = new AlertPipeline(
    compileAlertingConfig({
      route: { receiver: 'r', group_by: ['alertname'], group_wait: '30s' },
      receivers: [{ name: 'r', bench_configs: [{}] }],
      inhibit_rules: withInhibition ? [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['cluster'] }] : [],
    }),
    {
      clock,
      silences: new Silences(() => clock.now()),
      resolveNotifier: () => async (n) => {
        notified++;
        alertsNotified += n.alerts.length;
      },
      externalURL: '',
    },
  );
  const batch = Array.from({ length: alerts }, (_, i) => ({
    labels: { alertname: `Alert${i % groups}`, instance: `host-${i}:9100`, cluster: `c${i % 7}`, severity: i % 10 === 0 ? 'critical' : 'warning' },
    annotations: { summary: `alert number ${i}` },
    endsAt: clock.now() + 3600_000,
  }));
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  pipeline.receive(batch);
  const t1 = performance.now();
  await clock.advance(30_000);
  const t2 = performance.now();
  const heapAfter = process.memoryUsage().heapUsed;
  pipeline.stop();
  console.log(
    `${String(alerts).padStart(6)} alerts ${String(groups).padStart(4)} groups inhibition=${withInhibition ? 'on ' : 'off'}: ` +
      `receive ${(t1 - t0).toFixed(1)} ms (${((t1 - t0) * 1000 / alerts).toFixed(1)} µs/alert), ` +
      `flush ${(t2 - t1).toFixed(1)} ms, ${notified} notifications carrying ${alertsNotified} alerts, heap +${((heapAfter - heapBefore) / 1048576).toFixed(1)} MiB`,
  );
}

await storm(500, 5, false);
await storm(500, 5, true);
await storm(5_000, 50, false);
await storm(5_000, 50, true);
await storm(20_000, 100, false);
