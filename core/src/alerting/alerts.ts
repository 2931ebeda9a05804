import { fingerprint } from './fingerprint.js';

/** An alert inside the pipeline. Times in ms. */
export interface Alert {
  readonly fingerprint: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly updatedAt: number;
  readonly generatorURL: string;
  /** endsAt was filled in from resolve_timeout, not given by the sender. */
  readonly timeout: boolean;
}

/** What a sender posts (already validated, times in ms, endsAt 0 when absent). */
export interface IncomingAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly startsAt?: number;
  readonly endsAt?: number;
  readonly generatorURL?: string;
}

export function isResolved(a: Alert, now: number): boolean {
  return a.endsAt !== 0 && a.endsAt <= now;
}

/** Fills in defaults as Alertmanager's API does: startsAt from endsAt or now; endsAt from resolve_timeout. */
export function normalizeAlert(a: IncomingAlert, now: number, resolveTimeout: number): Alert {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(a.labels)) if (v !== '') labels[k] = v;
  const startsAt = a.startsAt || a.endsAt || now;
  const timeout = !a.endsAt;
  return {
    fingerprint: fingerprint(labels),
    labels,
    annotations: { ...(a.annotations ?? {}) },
    startsAt,
    endsAt: a.endsAt || now + resolveTimeout,
    updatedAt: now,
    generatorURL: a.generatorURL ?? '',
    timeout,
  };
}

/**
 * Merges an update into a stored alert (Alertmanager types.Alert.Merge): the
 * younger alert's fields win, the earliest start is kept, and a timeout
 * endsAt never overrides an explicit later one.
 */
export function mergeAlerts(older: Alert, newer: Alert, now: number): Alert {
  if (newer.updatedAt < older.updatedAt) return mergeAlerts(newer, older, now);
  let endsAt = newer.endsAt;
  if (isResolved(newer, now)) {
    if (isResolved(older, now) && older.endsAt > newer.endsAt) endsAt = older.endsAt;
  } else if (older.endsAt > newer.endsAt && !older.timeout) {
    endsAt = older.endsAt;
  }
  return { ...newer, startsAt: Math.min(older.startsAt, newer.startsAt), endsAt };
}

export type AlertChange = 'new' | 'resolved' | 'refired' | 'updated';

/** All alerts the pipeline knows, by fingerprint. */
export class AlertStore {
  private readonly alerts = new Map<string, Alert>();

  /** Stores one alert, merging with an overlapping stored one; says what changed. */
  put(alert: Alert, now: number): { alert: Alert; change: AlertChange } {
    const old = this.alerts.get(alert.fingerprint);
    if (!old) {
      this.alerts.set(alert.fingerprint, alert);
      return { alert, change: isResolved(alert, now) ? 'resolved' : 'new' };
    }
    const overlaps = (alert.endsAt > old.startsAt && alert.endsAt < old.endsAt) || (alert.startsAt >= old.startsAt && alert.startsAt <= old.endsAt);
    const stored = overlaps ? mergeAlerts(old, alert, now) : alert;
    this.alerts.set(alert.fingerprint, stored);
    const wasResolved = isResolved(old, now);
    const nowResolved = isResolved(stored, now);
    const change: AlertChange = !wasResolved && nowResolved ? 'resolved' : wasResolved && !nowResolved ? 'refired' : 'updated';
    return { alert: stored, change };
  }

  get(fp: string): Alert | undefined {
    return this.alerts.get(fp);
  }

  list(): Alert[] {
    return [...this.alerts.values()];
  }

  /** Drops alerts resolved before `cutoff`; returns them. */
  gc(cutoff: number): Alert[] {
    const dropped: Alert[] = [];
    for (const [fp, a] of this.alerts) {
      if (a.endsAt !== 0 && a.endsAt < cutoff) {
        this.alerts.delete(fp);
        dropped.push(a);
      }
    }
    return dropped;
  }
}
