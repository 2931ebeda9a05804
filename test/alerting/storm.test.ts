import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE, pipelineFor, SECOND } from './helpers.js';

/**
 * The storm case the pipeline exists for: 500 alerts firing at once across
 * 5 alert names produce 5 notifications (one per group), not 500, and the
 * groups are repeated only after repeat_interval.
 */
describe('alert storm', () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it('500 alerts in 5 groups make 5 notifications, repeated only after repeat_interval', async () => {
    const { clock, pipeline, notifierFor } = pipelineFor({
      route: { receiver: 'team', group_by: ['alertname'], group_wait: '30s', group_interval: '5m', repeat_interval: '1h' },
      receivers: [{ name: 'team', recording_configs: [{}] }],
    });
    stop = () => pipeline.stop();
    const sink = notifierFor('recording');
    const names = ['DiskFull', 'HighCPU', 'HighLatency', 'InstanceDown', 'OOMKilled'];
    const batch = Array.from({ length: 500 }, (_, i) => ({
      labels: { alertname: names[i % 5]!, instance: `host-${i}:9100`, severity: 'page' },
      annotations: { summary: `alert ${i}` },
      endsAt: clock.now() + 4 * MINUTE,
    }));
    // Prometheus re-sends firing alerts every minute with a fresh endsAt; do the same for 2 hours.
    const resend = () => pipeline.receive(batch.map((a) => ({ ...a, startsAt: Date.parse('2026-11-23T12:00:00Z'), endsAt: clock.now() + 4 * MINUTE })));
    resend();

    await clock.advance(29 * SECOND);
    expect(sink.received).toHaveLength(0); // group_wait not over yet

    await clock.advance(1 * SECOND);
    expect(sink.received).toHaveLength(5);
    expect(sink.received.map((r) => r.n.groupLabels.alertname).sort()).toEqual(names);
    expect(sink.received.every((r) => r.n.alerts.length === 100)).toBe(true);
    expect(sink.received[0]!.n.groupKey).toMatch(/^\{\}:\{alertname="[A-Za-z]+"\}$/);

    // Keep firing: every group_interval tick finds nothing new, so nothing is sent until repeat_interval.
    for (let t = 0; t < 59; t++) {
      await clock.advance(MINUTE);
      resend();
    }
    expect(sink.received).toHaveLength(5);

    // 12:00:30 + 1h = 13:00:30; the next group_interval tick at or after it is 13:00:30 (12:00:30 + 12 × 5m).
    for (let t = 0; t < 6; t++) {
      await clock.advance(MINUTE);
      resend();
    }
    expect(sink.received).toHaveLength(10);
    const repeatAt = sink.received.slice(5).map((r) => r.at - sink.received[0]!.at);
    expect(repeatAt.every((d) => d === HOUR)).toBe(true);
  });
});
