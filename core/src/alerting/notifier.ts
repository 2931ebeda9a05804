/**
 * The notifier seam. Delivery happens only in notifier plugins; the pipeline
 * hands each one a notification and an abort signal, and learns the outcome
 * from the promise. Until core's plugin host exposes its notifier registry,
 * the alerting area takes a resolver function.
 */

/** One alert in a notification (Alertmanager webhook v4 alert shape). */
export interface NotificationAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** RFC 3339 */
  readonly startsAt: string;
  /** RFC 3339; `0001-01-01T00:00:00Z` when unknown, as Alertmanager sends it. */
  readonly endsAt: string;
  readonly generatorURL: string;
  readonly fingerprint: string;
}

/** A notification for one group and one receiver: Alertmanager's template data, which notifiers render. */
export interface Notification {
  readonly receiver: string;
  readonly status: 'firing' | 'resolved';
  readonly groupKey: string;
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly commonLabels: Readonly<Record<string, string>>;
  readonly commonAnnotations: Readonly<Record<string, string>>;
  readonly externalURL: string;
  readonly alerts: readonly NotificationAlert[];
  /** Alerts left out because of max_alerts. */
  readonly truncatedAlerts: number;
}

/**
 * Delivers one notification. Resolve on success; reject on failure. An error
 * with `retryable: false` (e.g. an HTTP 4xx) is not retried; any other is,
 * with backoff, until the group's next flush is due.
 */
export type Notifier = (notification: Notification, signal: AbortSignal) => Promise<void>;

/** Finds the notifier for a receiver entry: a notifier plugin id and that entry's settings. */
export type NotifierResolver = (plugin: string, config: Readonly<Record<string, unknown>>) => Notifier | undefined;
