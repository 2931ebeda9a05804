import type { NotificationAlert, NotificationGroup } from '@panoptes/sdk';

/** Alertmanager's webhook message, version 4 (alertmanager notify/webhook Message). */
export interface WebhookMessage {
  readonly version: '4';
  readonly groupKey: string;
  readonly truncatedAlerts: number;
  readonly status: 'firing' | 'resolved';
  readonly receiver: string;
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly commonLabels: Readonly<Record<string, string>>;
  readonly commonAnnotations: Readonly<Record<string, string>>;
  readonly externalURL: string;
  readonly alerts: readonly NotificationAlert[];
}

/**
 * Escapes regular-expression metacharacters like Go's regexp.QuoteMeta.
 * Alertmanager passes the receiver name through it before templating, so
 * receivers that match on `receiver` expect `ops\.pager` for `ops.pager`.
 */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/**
 * The message for a group, or undefined when nothing is left to send:
 * resolved alerts are dropped unless `sendResolved`; at most `maxAlerts`
 * alerts are kept (0 = all), the rest counted in `truncatedAlerts`.
 */
export function webhookMessage(group: NotificationGroup, opts: { sendResolved: boolean; maxAlerts: number }): WebhookMessage | undefined {
  let alerts = opts.sendResolved ? group.alerts : group.alerts.filter((a) => a.status === 'firing');
  if (alerts.length === 0) return undefined;
  let truncated = group.truncatedAlerts;
  if (opts.maxAlerts > 0 && alerts.length > opts.maxAlerts) {
    truncated += alerts.length - opts.maxAlerts;
    alerts = alerts.slice(0, opts.maxAlerts);
  }
  return {
    version: '4',
    groupKey: group.groupKey,
    truncatedAlerts: truncated,
    status: group.alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    receiver: quoteMeta(group.receiver),
    groupLabels: group.groupLabels,
    commonLabels: group.commonLabels,
    commonAnnotations: group.commonAnnotations,
    externalURL: group.externalURL,
    alerts,
  };
}
