import { Registry } from 'prom-client';
import { AlertPipeline } from '../../core/src/alerting/alert-pipeline.js';
import { ManualClock } from '../../core/src/alerting/clock.js';
import { compileAlertingConfig } from '../../core/src/alerting/compile-config.js';
import type { AlertingSectionConfig } from '../../core/src/alerting/config-types.js';
import { AlertHistory } from '../../core/src/alerting/history.js';
import { MemoryKeySpace } from '../../core/src/alerting/memory-keyspace.js';
import { alertingMetrics } from '../../core/src/alerting/metrics.js';
import type { Notification, Notifier } from '../../core/src/alerting/notifier.js';
import { Silences } from '../../core/src/alerting/silences.js';

/** A notifier that records what it was given; `fail` makes it reject. */
export class RecordingNotifier {
  readonly received: { at: number; n: Notification }[] = [];
  fail: ((n: Notification) => Error | undefined) | undefined;
  constructor(private readonly clock: ManualClock) {}
  readonly notify: Notifier = async (n) => {
    const err = this.fail?.(n);
    if (err) throw err;
    this.received.push({ at: this.clock.now(), n });
  };
}

/** A pipeline on a manual clock (starting at a fixed instant) with recording notifiers per notifier type. */
export function pipelineFor(config: AlertingSectionConfig, start = Date.parse('2026-11-23T12:00:00Z')) {
  const clock = new ManualClock(start);
  const notifiers = new Map<string, RecordingNotifier>();
  const notifierFor = (type: string) => {
    let n = notifiers.get(type);
    if (!n) notifiers.set(type, (n = new RecordingNotifier(clock)));
    return n;
  };
  const registry = new Registry();
  const history = new AlertHistory(new MemoryKeySpace());
  const silences = new Silences(() => clock.now());
  const pipeline = new AlertPipeline(compileAlertingConfig(config), {
    clock,
    silences,
    resolveNotifier: (type) => (type === 'missing' ? undefined : notifierFor(type).notify),
    externalURL: 'http://panoptes.test',
    history,
    metrics: alertingMetrics(registry),
  });
  return { clock, pipeline, notifierFor, registry, history, silences };
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
