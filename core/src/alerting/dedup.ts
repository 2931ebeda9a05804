/** What was last notified for one group and integration (Alertmanager's notification log entry). */
export interface NotifyLogEntry {
  readonly firing: readonly string[];
  readonly resolved: readonly string[];
  /** ms */
  readonly timestamp: number;
}

/**
 * Whether a group needs a notification now (Alertmanager DedupStage.needsUpdate):
 * - never notified: only if something fires;
 * - something fires that was not in the last notification: yes;
 * - nothing fires any more: only if the last notification had firing alerts (the all-clear);
 * - with send_resolved, newly resolved alerts: yes;
 * - otherwise only once repeat_interval has passed since the last notification.
 * Pure.
 */
export function needsNotification(
  entry: NotifyLogEntry | undefined,
  firing: ReadonlySet<string>,
  resolved: ReadonlySet<string>,
  sendResolved: boolean,
  repeatInterval: number,
  now: number,
): { send: boolean; reason: string } {
  if (!entry) return firing.size > 0 ? { send: true, reason: 'first notification of the group' } : { send: false, reason: 'only resolved alerts, never notified' };
  const last = new Set(entry.firing);
  for (const fp of firing) if (!last.has(fp)) return { send: true, reason: 'new firing alerts since the last notification' };
  if (firing.size === 0) {
    return entry.firing.length > 0 ? { send: true, reason: 'all alerts resolved' } : { send: false, reason: 'nothing firing, nothing notified' };
  }
  if (sendResolved) {
    const lastResolved = new Set(entry.resolved);
    for (const fp of resolved) if (!lastResolved.has(fp)) return { send: true, reason: 'newly resolved alerts' };
  }
  if (entry.timestamp <= now - repeatInterval) return { send: true, reason: 'repeat_interval elapsed' };
  return { send: false, reason: `nothing changed since the last notification; waiting for repeat_interval (next after ${new Date(entry.timestamp + repeatInterval).toISOString()})` };
}
