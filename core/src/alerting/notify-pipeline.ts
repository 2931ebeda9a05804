import { isResolved, type Alert } from './alerts.js';
import type { CompiledAlerting, NotifierEntry, ReceiverSpec } from './compile-config.js';
import type { Clock } from './clock.js';
import { AlertingError } from './errors.js';
import { needsNotification, type NotifyLogEntry } from './dedup.js';
import type { AlertHistory } from './history.js';
import type { AlertingMetrics } from './metrics.js';
import type { Notification, NotificationAlert, NotifierResolver } from './notifier.js';
import type { Route } from './route.js';
import { anyContains } from './time-intervals.js';

/** What the pipeline needs to know about a flushing aggregation group. */
export interface FlushContext {
  readonly groupKey: string;
  readonly route: Route;
  readonly groupLabels: Readonly<Record<string, string>>;
}

/** Suppression of one alert now: who silences and who inhibits it. */
export interface Suppression {
  readonly silencedBy: readonly string[];
  readonly inhibitedBy: readonly string[];
}

export interface PipelineDeps {
  readonly clock: Clock;
  config(): CompiledAlerting;
  suppression(alert: Alert): Suppression;
  readonly resolveNotifier: NotifierResolver;
  readonly history?: AlertHistory;
  readonly metrics?: AlertingMetrics;
  readonly externalURL: string;
  /** Where notification-log entries persist; optional. */
  readonly onLogEntry?: (key: string, entry: NotifyLogEntry) => void;
}

/** First retry after this, doubling up to RETRY_MAX_MS; the whole flush is bounded by group_interval. */
const RETRY_INITIAL_MS = 1_000;
const RETRY_MAX_MS = 60_000;
const ZERO_TIME = '0001-01-01T00:00:00Z';

/**
 * The notification pipeline of one flush (Alertmanager's stages): time
 * muting, inhibition, silencing, then per integration of the receiver, in
 * parallel, deduplication against the notification log, delivery with retry
 * and backoff, and the log update. Every outcome goes to history.
 */
export class NotificationPipeline {
  /** Notification log: what each (group, integration) was last told. */
  readonly log = new Map<string, NotifyLogEntry>();
  /** Last failure per (group, integration), for the explain API. */
  readonly lastFailure = new Map<string, { ts: number; error: string }>();
  private readonly suppressed = new Map<string, string>();

  constructor(private readonly deps: PipelineDeps) {}

  /** Runs one flush. Resolves true when every integration succeeded (or had nothing to do). */
  async flush(ctx: FlushContext, alerts: readonly Alert[]): Promise<boolean> {
    const now = this.deps.clock.now();
    const cfg = this.deps.config();
    const receiver = cfg.receivers.get(ctx.route.opts.receiver);
    if (!receiver) return true;
    const history = this.deps.history;
    const skipAll = (reason: string) => {
      history?.record({
        ts: now,
        kind: 'notification',
        receiver: receiver.name,
        groupKey: ctx.groupKey,
        groupLabels: ctx.groupLabels,
        outcome: 'skipped',
        reason,
        alerts: alerts.map((a) => a.fingerprint),
      });
      return true;
    };

    const { activeTimeIntervals, muteTimeIntervals } = ctx.route.opts;
    if (activeTimeIntervals.length > 0 && !activeTimeIntervals.some((n) => anyContains(cfg.timeIntervals.get(n) ?? [], now))) {
      return skipAll(`outside active time intervals ${activeTimeIntervals.join(', ')}`);
    }
    const muting = muteTimeIntervals.find((n) => anyContains(cfg.timeIntervals.get(n) ?? [], now));
    if (muting !== undefined) return skipAll(`muted by time interval ${muting}`);

    const kept: Alert[] = [];
    for (const a of alerts) {
      const s = this.deps.suppression(a);
      this.trackSuppression(a, s, now);
      if (s.inhibitedBy.length === 0 && s.silencedBy.length === 0) kept.push(a);
    }
    if (kept.length === 0) return skipAll('every alert of the group is silenced or inhibited');

    const results = await Promise.all(receiver.notifiers.map((entry) => this.deliver(ctx, receiver, entry, kept, now)));
    if (receiver.notifiers.length === 0) skipAll(`receiver ${receiver.name} has no notifiers`);
    return results.every(Boolean);
  }

  /** The notification-log key of a group and integration. */
  static logKey(groupKey: string, receiver: string, entry: NotifierEntry): string {
    return `${groupKey}|${receiver}|${entry.type}/${entry.index}`;
  }

  private trackSuppression(a: Alert, s: Suppression, now: number): void {
    const state = s.silencedBy.length > 0 ? `silenced:${s.silencedBy.join(',')}` : s.inhibitedBy.length > 0 ? `inhibited:${s.inhibitedBy.join(',')}` : 'unsuppressed';
    const prev = this.suppressed.get(a.fingerprint) ?? 'unsuppressed';
    if (prev === state) return;
    this.suppressed.set(a.fingerprint, state);
    this.deps.history?.record({
      ts: now,
      kind: 'state',
      source: 'pipeline',
      fingerprint: a.fingerprint,
      labels: a.labels,
      state: s.silencedBy.length > 0 ? 'silenced' : s.inhibitedBy.length > 0 ? 'inhibited' : 'unsuppressed',
      ...(s.silencedBy.length > 0 && { silencedBy: s.silencedBy }),
      ...(s.inhibitedBy.length > 0 && { inhibitedBy: s.inhibitedBy }),
    });
  }

  private async deliver(ctx: FlushContext, receiver: ReceiverSpec, entry: NotifierEntry, alerts: readonly Alert[], now: number): Promise<boolean> {
    const integration = `${entry.type}/${entry.index}`;
    const key = NotificationPipeline.logKey(ctx.groupKey, receiver.name, entry);
    const firing = new Set(alerts.filter((a) => !isResolved(a, now)).map((a) => a.fingerprint));
    const resolved = new Set(alerts.filter((a) => isResolved(a, now)).map((a) => a.fingerprint));
    const history = this.deps.history;
    const base = { kind: 'notification' as const, receiver: receiver.name, integration, groupKey: ctx.groupKey, groupLabels: ctx.groupLabels };
    const decision = needsNotification(this.log.get(key), firing, resolved, entry.sendResolved, ctx.route.opts.repeatInterval, now);
    if (!decision.send) {
      history?.record({ ...base, ts: now, outcome: 'skipped', reason: decision.reason, alerts: alerts.map((a) => a.fingerprint) });
      return true;
    }
    const toSend = entry.sendResolved ? alerts : alerts.filter((a) => firing.has(a.fingerprint));
    const logEntry: NotifyLogEntry = { firing: [...firing], resolved: [...resolved], timestamp: now };
    if (toSend.length === 0) {
      this.setLog(key, logEntry);
      history?.record({ ...base, ts: now, outcome: 'skipped', reason: 'only resolved alerts and send_resolved is false', alerts: [...resolved] });
      return true;
    }
    const notifier = this.deps.resolveNotifier(entry.type, entry.config);
    const labels = { receiver: receiver.name, integration };
    if (!notifier) {
      const err = new AlertingError('PNP_ALERTING_NO_NOTIFIER', `no running notifier plugin provides ${entry.type}_configs; enable one under plugins:`);
      this.lastFailure.set(key, { ts: now, error: err.message });
      this.deps.metrics?.notificationsFailed.inc({ ...labels, reason: 'no_notifier' });
      history?.record({ ...base, ts: now, outcome: 'failed', error: err.message, errorCode: err.code, alerts: toSend.map((a) => a.fingerprint) });
      return false;
    }
    const notification = this.buildNotification(ctx, receiver, toSend, entry.maxAlerts, now);
    const deadline = now + ctx.route.opts.groupInterval;
    let wait = RETRY_INITIAL_MS;
    for (let attempt = 1; ; attempt++) {
      const controller = new AbortController();
      const cancel = this.deps.clock.setTimer(Math.max(0, deadline - this.deps.clock.now()), () => controller.abort());
      const started = performance.now();
      this.deps.metrics?.attempts.inc(labels);
      try {
        await notifier(notification, controller.signal);
        const seconds = (performance.now() - started) / 1000;
        this.deps.metrics?.latency.observe(labels, seconds);
        this.deps.metrics?.notifications.inc(labels);
        this.setLog(key, logEntry);
        this.lastFailure.delete(key);
        history?.record({ ...base, ts: this.deps.clock.now(), outcome: 'sent', reason: decision.reason, attempt, durationMs: seconds * 1000, alerts: toSend.map((a) => a.fingerprint) });
        return true;
      } catch (err) {
        const seconds = (performance.now() - started) / 1000;
        this.deps.metrics?.latency.observe(labels, seconds);
        this.deps.metrics?.attemptsFailed.inc(labels);
        const error = (err as Error).message ?? String(err);
        // A plugin host error wraps the notifier's own error as `cause`; either may say it is final.
        const retryable = (err as { retryable?: boolean }).retryable !== false && (err as { cause?: { retryable?: boolean } }).cause?.retryable !== false;
        const t = this.deps.clock.now();
        this.lastFailure.set(key, { ts: t, error });
        history?.record({
          ...base,
          ts: t,
          outcome: 'attempt_failed',
          attempt,
          error,
          errorCode: 'PNP_ALERTING_DELIVERY',
          durationMs: seconds * 1000,
          alerts: toSend.map((a) => a.fingerprint),
        });
        if (!retryable || t + wait >= deadline) {
          this.deps.metrics?.notificationsFailed.inc({ ...labels, reason: retryable ? 'retries_exhausted' : 'not_retryable' });
          history?.record({
            ...base,
            ts: t,
            outcome: 'failed',
            reason: retryable ? `gave up after ${attempt} attempts before the next group_interval` : 'error is not retryable',
            attempt,
            error,
            errorCode: 'PNP_ALERTING_DELIVERY',
            alerts: toSend.map((a) => a.fingerprint),
          });
          return false;
        }
        await new Promise<void>((resolve) => this.deps.clock.setTimer(wait, resolve));
        wait = Math.min(wait * 2, RETRY_MAX_MS);
      } finally {
        cancel();
      }
    }
  }

  private setLog(key: string, entry: NotifyLogEntry): void {
    this.log.set(key, entry);
    this.deps.onLogEntry?.(key, entry);
  }

  private buildNotification(ctx: FlushContext, receiver: ReceiverSpec, alerts: readonly Alert[], maxAlerts: number, now: number): Notification {
    const sorted = [...alerts].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
    const shown = maxAlerts > 0 ? sorted.slice(0, maxAlerts) : sorted;
    const list: NotificationAlert[] = shown.map((a) => ({
      status: isResolved(a, now) ? 'resolved' : 'firing',
      labels: a.labels,
      annotations: a.annotations,
      startsAt: new Date(a.startsAt).toISOString(),
      endsAt: isResolved(a, now) ? new Date(a.endsAt).toISOString() : ZERO_TIME,
      generatorURL: a.generatorURL,
      fingerprint: a.fingerprint,
    }));
    return {
      receiver: receiver.name,
      status: list.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
      groupKey: ctx.groupKey,
      groupLabels: ctx.groupLabels,
      commonLabels: common(alerts.map((a) => a.labels)),
      commonAnnotations: common(alerts.map((a) => a.annotations)),
      externalURL: this.deps.externalURL,
      alerts: list,
      truncatedAlerts: sorted.length - shown.length,
    };
  }
}

/** Pairs every map shares. */
function common(maps: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  if (maps.length === 0) return {};
  const out: Record<string, string> = { ...maps[0] };
  for (const m of maps.slice(1)) for (const k of Object.keys(out)) if (m[k] !== out[k]) delete out[k];
  return out;
}
