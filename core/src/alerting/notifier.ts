/**
 * The notifier seam. Delivery happens only in notifier plugins; the pipeline
 * hands each one a notification and an abort signal, and learns the outcome
 * from the promise. Until core's plugin host exposes its notifier registry,
 * the alerting area takes a resolver function.
 */

import type { NotificationAlert as SdkNotificationAlert, NotificationGroup } from '@panoptes/sdk';

/** One alert in a notification: the SDK's shape (Alertmanager's template Alert). */
export type NotificationAlert = SdkNotificationAlert;

/** A notification for one group and one receiver: the SDK's NotificationGroup (Alertmanager's template Data). */
export type Notification = NotificationGroup;

/**
 * Delivers one notification. Resolve on success; reject on failure. An error
 * with `retryable: false` (e.g. an HTTP 4xx) is not retried; any other is,
 * with backoff, until the group's next flush is due.
 */
export type Notifier = (notification: Notification, signal: AbortSignal) => Promise<void>;

/** Finds the notifier for a receiver entry: its type (`webhook` for `webhook_configs`) and settings. */
export type NotifierResolver = (type: string, config: Readonly<Record<string, unknown>>) => Notifier | undefined;
