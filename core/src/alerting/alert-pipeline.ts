import { AlertStore, isResolved, normalizeAlert, type Alert, type IncomingAlert } from './alerts.js';
import type { Clock } from './clock.js';
import type { CompiledAlerting } from './compile-config.js';
import type { NotifyLogEntry } from './dedup.js';
import { Dispatcher } from './dispatcher.js';
import type { AlertHistory } from './history.js';
import { Inhibitor } from './inhibit.js';
import type { AlertingMetrics } from './metrics.js';
import type { NotifierResolver } from './notifier.js';
import { NotificationPipeline, type Suppression } from './notify-pipeline.js';
import type { Silences } from './silences.js';
import { anyContains } from './time-intervals.js';

export interface AlertPipelineDeps {
  readonly clock: Clock;
  readonly silences: Silences;
  readonly resolveNotifier: NotifierResolver;
  readonly externalURL: string;
  readonly history?: AlertHistory;
  readonly metrics?: AlertingMetrics;
  readonly onLogEntry?: (key: string, entry: NotifyLogEntry) => void;
}

/** What the pipeline says about one alert now (Alertmanager's alert status, plus routing). */
export interface AlertStatus {
  readonly state: 'active' | 'suppressed' | 'unprocessed';
  readonly silencedBy: readonly string[];
  readonly inhibitedBy: readonly string[];
  /** Names of time intervals muting the alert on some route now. */
  readonly mutedBy: readonly string[];
  readonly receivers: readonly string[];
}

/** Resolved alerts stay listed this long before they are forgotten (Alertmanager's GC keeps them until the next run, 30m). */
const RESOLVED_KEEP_MS = 30 * 60_000;

/**
 * The alert pipeline as one object: store, dispatcher, inhibition,
 * silences and notification, over one compiled config that can be swapped
 * on reload. Sources (the rule engine, POST /api/v2/alerts) call `receive`.
 */
export class AlertPipeline {
  readonly store = new AlertStore();
  readonly notifications: NotificationPipeline;
  private dispatcher: Dispatcher;
  private cfg: CompiledAlerting;
  /** The inhibitor over the firing alerts, rebuilt when alerts or config change, or time passes. */
  private inhibitor: { at: number; version: number; inhibitor: Inhibitor } | undefined;
  private version = 0;

  constructor(
    config: CompiledAlerting,
    private readonly deps: AlertPipelineDeps,
  ) {
    this.cfg = config;
    this.notifications = new NotificationPipeline({
      clock: deps.clock,
      config: () => this.cfg,
      suppression: (a) => this.suppression(a),
      resolveNotifier: deps.resolveNotifier,
      history: deps.history,
      metrics: deps.metrics,
      externalURL: deps.externalURL,
      onLogEntry: deps.onLogEntry,
    });
    this.dispatcher = this.newDispatcher();
  }

  /** The pipeline's clock, ms. */
  now(): number {
    return this.deps.clock.now();
  }

  get config(): CompiledAlerting {
    return this.cfg;
  }

  get silences(): Silences {
    return this.deps.silences;
  }

  private newDispatcher(): Dispatcher {
    return new Dispatcher(this.deps.clock, () => this.cfg, (ctx, alerts) => this.notifications.flush(ctx, alerts));
  }

  /** Swaps in a new config: groups are rebuilt from the stored alerts; the notification log is kept, so nothing is re-sent. */
  applyConfig(next: CompiledAlerting): void {
    this.cfg = next;
    this.version++;
    this.dispatcher.stop();
    this.dispatcher = this.newDispatcher();
    for (const a of this.store.list()) this.dispatcher.process(a);
  }

  /** Takes alerts in from any source. */
  receive(incoming: readonly IncomingAlert[]): Alert[] {
    const now = this.deps.clock.now();
    const out: Alert[] = [];
    this.version++;
    for (const raw of incoming) {
      const { alert, change } = this.store.put(normalizeAlert(raw, now, this.cfg.resolveTimeout), now);
      this.deps.metrics?.alertsReceived.inc({ status: isResolved(alert, now) ? 'resolved' : 'firing' });
      if (change !== 'updated') {
        this.deps.history?.record({
          ts: now,
          kind: 'state',
          source: 'pipeline',
          fingerprint: alert.fingerprint,
          labels: alert.labels,
          state: change === 'resolved' ? 'resolved' : 'firing',
        });
      }
      this.dispatcher.process(alert);
      out.push(alert);
    }
    return out;
  }

  suppression(a: Alert): Suppression {
    const silencedBy = this.deps.silences.mutedBy(a.labels);
    if (this.cfg.inhibitRules.length === 0) return { silencedBy, inhibitedBy: [] };
    return { silencedBy, inhibitedBy: this.currentInhibitor().inhibitedBy(a) };
  }

  private currentInhibitor(): Inhibitor {
    const now = this.deps.clock.now();
    const c = this.inhibitor;
    // Alerts also resolve by the passing of time (endsAt), so the snapshot is at most a second old.
    if (c && c.version === this.version && Math.floor(c.at / 1000) === Math.floor(now / 1000)) return c.inhibitor;
    const firing = this.store.list().filter((x) => !isResolved(x, now));
    const inhibitor = new Inhibitor(this.cfg.inhibitRules, firing);
    this.inhibitor = { at: now, version: this.version, inhibitor };
    return inhibitor;
  }

  status(a: Alert): AlertStatus {
    const now = this.deps.clock.now();
    const s = this.suppression(a);
    const routes = this.cfg.route.match(a.labels);
    const mutedBy = new Set<string>();
    for (const r of routes) {
      for (const name of r.opts.muteTimeIntervals) if (anyContains(this.cfg.timeIntervals.get(name) ?? [], now)) mutedBy.add(name);
      const active = r.opts.activeTimeIntervals;
      if (active.length > 0 && !active.some((n) => anyContains(this.cfg.timeIntervals.get(n) ?? [], now))) for (const n of active) mutedBy.add(n);
    }
    const suppressed = s.silencedBy.length > 0 || s.inhibitedBy.length > 0 || mutedBy.size > 0;
    return {
      state: suppressed ? 'suppressed' : 'active',
      silencedBy: s.silencedBy,
      inhibitedBy: s.inhibitedBy,
      mutedBy: [...mutedBy].sort(),
      receivers: [...new Set(routes.map((r) => r.opts.receiver))],
    };
  }

  groups() {
    return this.dispatcher.list();
  }

  groupsOf(fp: string) {
    return this.dispatcher.groupsOf(fp);
  }

  /** Forgets alerts resolved long ago. */
  gc(): void {
    this.store.gc(this.deps.clock.now() - RESOLVED_KEEP_MS);
  }

  async idle(): Promise<void> {
    await this.dispatcher.idle();
  }

  stop(): void {
    this.dispatcher.stop();
  }
}
