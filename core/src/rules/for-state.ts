import type { KeySpace } from '@panoptes/storage';
import { AlertingRule, type ActiveAlert } from './alerting-rule.js';
import type { RuleGroup } from './group.js';

/**
 * Persistence of alert state across restarts, so `for` is not reset for
 * alerts that were already pending or firing (Prometheus' RestoreForState,
 * which reads ALERTS_FOR_STATE back; Panoptes keeps the same facts in its
 * keyspace, one record per group, written after every evaluation).
 */

/** How long the server may be down and still restore (Prometheus' --rules.alert.for-outage-tolerance). */
export const FOR_OUTAGE_TOLERANCE_MS = 3600_000;
/** Minimum `for` left after a restore (Prometheus' --rules.alert.for-grace-period). */
export const FOR_GRACE_PERIOD_MS = 600_000;

interface SavedAlert {
  readonly rule: string;
  readonly fp: string;
  readonly activeAt: number;
  readonly state: string;
}

interface SavedGroup {
  /** Last evaluation time, ms: when the server was last known to be up. */
  readonly lastEval: number;
  readonly alerts: readonly SavedAlert[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class ForStateStore {
  constructor(private readonly ks: KeySpace) {}

  async save(group: RuleGroup): Promise<void> {
    const alerts: SavedAlert[] = [];
    for (const r of group.rules) {
      if (!(r instanceof AlertingRule)) continue;
      for (const [fp, a] of r.active) if (a.state !== 'inactive') alerts.push({ rule: r.name, fp, activeAt: a.activeAt, state: a.state });
    }
    const saved: SavedGroup = { lastEval: group.lastEvaluation, alerts };
    await this.ks.put(group.key, encoder.encode(JSON.stringify(saved)));
  }

  async remove(group: RuleGroup): Promise<void> {
    await this.ks.delete(group.key);
  }

  /**
   * Restores `activeAt` of the alerts the first evaluation after start found
   * active, with Prometheus' rules: nothing when the outage was longer than
   * the tolerance or `for` is shorter than the grace period; an alert that
   * was firing keeps its start; a pending one keeps the `for` time it had
   * already served, but is given at least the grace period before firing.
   */
  async restore(group: RuleGroup, ts: number): Promise<number> {
    const bytes = await this.ks.get(group.key);
    if (!bytes) return 0;
    let saved: SavedGroup;
    try {
      saved = JSON.parse(decoder.decode(bytes)) as SavedGroup;
    } catch {
      return 0;
    }
    const downAt = saved.lastEval;
    if (ts - downAt > FOR_OUTAGE_TOLERANCE_MS) return 0;
    const byKey = new Map(saved.alerts.map((a) => [`${a.rule}\x00${a.fp}`, a]));
    let restored = 0;
    for (const r of group.rules) {
      if (!(r instanceof AlertingRule) || r.spec.for < FOR_GRACE_PERIOD_MS) continue;
      for (const [fp, a] of r.active) {
        const s = byKey.get(`${r.name}\x00${fp}`);
        if (!s || a.state === 'inactive') continue;
        a.activeAt = restoredActiveAt(s.activeAt, downAt, ts, r.spec.for);
        restored++;
      }
    }
    return restored;
  }
}

export function restoredActiveAt(savedActiveAt: number, downAt: number, ts: number, holdDuration: number): number {
  const remaining = holdDuration - (downAt - savedActiveAt);
  if (remaining <= 0) return savedActiveAt;
  if (remaining < FOR_GRACE_PERIOD_MS) return ts + FOR_GRACE_PERIOD_MS - holdDuration;
  return savedActiveAt + (ts - downAt);
}

export type { ActiveAlert };
