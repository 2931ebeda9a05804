import type { KeySpace } from '@panoptes/storage';
import { matchesAll, type CompiledMatcher } from './matchers.js';

/**
 * Alert history: every state change of an alert and every notification
 * attempt, kept for a retention period. Neither Prometheus nor Alertmanager
 * keeps this; it answers "why was (or wasn't) I paged?".
 */
export type HistoryState = 'pending' | 'firing' | 'resolved' | 'inactive' | 'silenced' | 'inhibited' | 'unsuppressed';

export type NotificationOutcome =
  /** Delivered. */
  | 'sent'
  /** One delivery attempt failed (it may be retried). */
  | 'attempt_failed'
  /** Gave up: every attempt failed or the error was not retryable. */
  | 'failed'
  /** Not sent, with a reason: nothing new since the last notification, all alerts silenced, muted by time, … */
  | 'skipped';

export interface HistoryEvent {
  /** ms */
  readonly ts: number;
  readonly kind: 'state' | 'notification';
  /** state events: the alert; notification events: absent (see `alerts`). */
  readonly fingerprint?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly state?: HistoryState;
  /** Who saw the change: the rule engine or the pipeline. */
  readonly source?: 'rules' | 'pipeline';
  readonly rule?: string;
  readonly ruleGroup?: string;
  readonly value?: number;
  readonly silencedBy?: readonly string[];
  readonly inhibitedBy?: readonly string[];
  readonly receiver?: string;
  /** Notifier plugin and entry index, e.g. `notifier-webhook/0`. */
  readonly integration?: string;
  readonly groupKey?: string;
  /** The group's labels (its group_by values) for notification events. */
  readonly groupLabels?: Readonly<Record<string, string>>;
  readonly outcome?: NotificationOutcome;
  readonly reason?: string;
  readonly attempt?: number;
  readonly error?: string;
  /** PNP_ALERTING_NO_NOTIFIER or PNP_ALERTING_DELIVERY on failures. */
  readonly errorCode?: string;
  readonly durationMs?: number;
  /** Fingerprints of the alerts in the notification. */
  readonly alerts?: readonly string[];
}

export interface HistoryQuery {
  /** ms, inclusive */
  readonly start?: number;
  /** ms, inclusive */
  readonly end?: number;
  readonly matchers?: readonly CompiledMatcher[];
  readonly fingerprint?: string;
  readonly state?: HistoryState;
  readonly receiver?: string;
  readonly kind?: 'state' | 'notification';
  readonly limit?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const KEY_DIGITS = 15;

function key(ts: number, seq: number): string {
  return `e:${String(Math.max(0, Math.floor(ts))).padStart(KEY_DIGITS, '0')}:${String(seq).padStart(9, '0')}`;
}

/**
 * Stores history events in a keyspace, keyed by time so range queries and
 * retention are key-range scans. Writes are queued and never block the
 * pipeline; `flush` waits for them.
 */
export class AlertHistory {
  private seq = 0;
  private writes: Promise<void> = Promise.resolve();
  /** Notification events also index their alerts' labels, so matchers can find them. */
  private readonly labelsByFp = new Map<string, Readonly<Record<string, string>>>();

  constructor(
    private readonly ks: KeySpace,
    private readonly onError: (err: Error) => void = () => {},
  ) {}

  record(e: HistoryEvent): void {
    if (e.fingerprint && e.labels) this.labelsByFp.set(e.fingerprint, e.labels);
    const k = key(e.ts, this.seq++ % 1_000_000_000);
    const bytes = encoder.encode(JSON.stringify(e));
    this.writes = this.writes.then(() => this.ks.put(k, bytes)).catch((err: Error) => this.onError(err));
  }

  async flush(): Promise<void> {
    await this.writes;
  }

  async query(q: HistoryQuery): Promise<HistoryEvent[]> {
    await this.flush();
    const out: HistoryEvent[] = [];
    const limit = q.limit && q.limit > 0 ? q.limit : 1000;
    const range = { gte: key(q.start ?? 0, 0), lt: key((q.end ?? 10 ** KEY_DIGITS - 2) + 1, 0) };
    for await (const [, v] of this.ks.entries(range)) {
      const e = JSON.parse(decoder.decode(v)) as HistoryEvent;
      // State events come before the notifications about them, so a scan learns the labels it needs for matchers.
      if (e.fingerprint && e.labels) this.labelsByFp.set(e.fingerprint, e.labels);
      if (!this.matches(e, q)) continue;
      out.push(e);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Deletes events older than `cutoff` (ms). Returns how many. */
  async gc(cutoff: number): Promise<number> {
    await this.flush();
    const doomed: string[] = [];
    for await (const [k] of this.ks.entries({ gte: 'e:', lt: key(cutoff, 0) })) doomed.push(k);
    for (const k of doomed) await this.ks.delete(k);
    return doomed.length;
  }

  private matches(e: HistoryEvent, q: HistoryQuery): boolean {
    if (q.kind && e.kind !== q.kind) return false;
    if (q.state && e.state !== q.state) return false;
    if (q.receiver && e.receiver !== q.receiver) return false;
    const fps = e.fingerprint ? [e.fingerprint] : (e.alerts ?? []);
    if (q.fingerprint && !fps.includes(q.fingerprint)) return false;
    if (q.matchers && q.matchers.length > 0) {
      const candidates = e.labels ? [e.labels] : fps.map((fp) => this.labelsByFp.get(fp)).filter((l) => l !== undefined);
      if (!candidates.some((l) => matchesAll(q.matchers!, l))) return false;
    }
    return true;
  }
}
