import { isResolved, type Alert } from './alerts.js';
import type { Clock } from './clock.js';
import type { CompiledAlerting } from './compile-config.js';
import type { FlushContext } from './notify-pipeline.js';
import { groupKey, type Route } from './route.js';

/** Runs one flush of a group; resolves true on success (resolved alerts may then be forgotten). */
export type FlushFunc = (ctx: FlushContext, alerts: readonly Alert[]) => Promise<boolean>;

/**
 * One aggregation group: the alerts of one route with the same group labels.
 * The first flush comes group_wait after the group appears (at once when its
 * first alert is already older than that); later flushes every
 * group_interval. A flush never overlaps the previous one.
 */
export class AggregationGroup {
  readonly alerts = new Map<string, Alert>();
  hasFlushed = false;
  /** ms; when the next flush is due. */
  nextFlushAt: number;
  lastFlushAt = 0;
  lastFlushOk = true;
  private cancel: (() => void) | undefined;
  private flushing: Promise<void> | undefined;
  private stopped = false;

  constructor(
    readonly key: string,
    readonly route: Route,
    readonly labels: Readonly<Record<string, string>>,
    private readonly clock: Clock,
    private readonly flushFn: FlushFunc,
    private readonly onEmpty: (g: AggregationGroup) => void,
  ) {
    this.nextFlushAt = clock.now() + route.opts.groupWait;
    this.schedule(route.opts.groupWait);
  }

  insert(alert: Alert): void {
    this.alerts.set(alert.fingerprint, alert);
    // An alert that started longer than group_wait ago (e.g. after a restart) need not wait again.
    if (!this.hasFlushed && alert.startsAt + this.route.opts.groupWait < this.clock.now()) this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
  }

  /** Resolves when no flush is running. */
  async idle(): Promise<void> {
    await this.flushing;
  }

  private schedule(ms: number): void {
    this.cancel?.();
    this.nextFlushAt = this.clock.now() + ms;
    this.cancel = this.clock.setTimer(ms, () => this.tick());
  }

  private tick(): void {
    if (this.stopped) return;
    if (this.flushing) {
      // Still delivering the last flush: try again on the next interval.
      this.schedule(this.route.opts.groupInterval);
      return;
    }
    this.hasFlushed = true;
    this.schedule(this.route.opts.groupInterval);
    this.flushing = this.flush().finally(() => {
      this.flushing = undefined;
    });
  }

  private async flush(): Promise<void> {
    const now = this.clock.now();
    const snapshot = [...this.alerts.values()];
    if (snapshot.length === 0) return;
    this.lastFlushAt = now;
    const ok = await this.flushFn({ groupKey: this.key, route: this.route, groupLabels: this.labels }, snapshot).catch(() => false);
    this.lastFlushOk = ok;
    if (!ok) return;
    // Resolved alerts that were notified are done; keep any that changed meanwhile.
    for (const a of snapshot) {
      if (isResolved(a, now) && this.alerts.get(a.fingerprint) === a) this.alerts.delete(a.fingerprint);
    }
    if (this.alerts.size === 0) {
      this.stop();
      this.onEmpty(this);
    }
  }
}

/**
 * Routes alerts into aggregation groups (Alertmanager's dispatcher). Pure
 * apart from the clock and the flush function it is given.
 */
export class Dispatcher {
  private readonly groups = new Map<string, AggregationGroup>();

  constructor(
    private readonly clock: Clock,
    private readonly config: () => CompiledAlerting,
    private readonly flushFn: FlushFunc,
  ) {}

  /** Puts an alert into the group of every route it matches. Returns the group keys. */
  process(alert: Alert): string[] {
    const keys: string[] = [];
    for (const route of this.config().route.match(alert.labels)) {
      const labels = route.groupLabels(alert.labels);
      const key = groupKey(route, labels);
      let g = this.groups.get(key);
      if (!g) {
        // A resolved alert that no group holds has nothing left to notify.
        if (isResolved(alert, this.clock.now())) continue;
        g = new AggregationGroup(key, route, labels, this.clock, this.flushFn, (done) => {
          if (this.groups.get(done.key) === done) this.groups.delete(done.key);
        });
        this.groups.set(key, g);
      }
      g.insert(alert);
      keys.push(key);
    }
    return keys;
  }

  list(): AggregationGroup[] {
    return [...this.groups.values()];
  }

  /** Groups holding the alert. */
  groupsOf(fingerprint: string): AggregationGroup[] {
    return this.list().filter((g) => g.alerts.has(fingerprint));
  }

  /** Stops every group (on shutdown or before rebuilding for a new config). */
  stop(): void {
    for (const g of this.groups.values()) g.stop();
    this.groups.clear();
  }

  async idle(): Promise<void> {
    await Promise.all(this.list().map((g) => g.idle()));
  }
}
