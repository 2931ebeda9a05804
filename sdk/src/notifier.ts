import type { JsonSchema } from './manifest.js';

/** One alert in a notification, Alertmanager's template `Alert` shape. */
export interface NotificationAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** RFC 3339. */
  readonly startsAt: string;
  /** RFC 3339; `0001-01-01T00:00:00Z` when unknown, as Alertmanager sends it. */
  readonly endsAt: string;
  readonly generatorURL: string;
  /** 16 hex digits identifying the alert's label set. */
  readonly fingerprint: string;
}

/**
 * A notification group, Alertmanager's template `Data` shape: what a
 * receiver gets for one group of alerts.
 */
export interface NotificationGroup {
  /** The receiver's name as configured. */
  readonly receiver: string;
  /** `firing` when any alert in the group fires. */
  readonly status: 'firing' | 'resolved';
  readonly alerts: readonly NotificationAlert[];
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly commonLabels: Readonly<Record<string, string>>;
  readonly commonAnnotations: Readonly<Record<string, string>>;
  /** The server's external URL, for links back. */
  readonly externalURL: string;
  /** Identifies the group across notifications (route path and group labels). */
  readonly groupKey: string;
  /** How many alerts were left out by the receiver's `max_alerts`; 0 when none. */
  readonly truncatedAlerts: number;
}

/** What `notify` gets besides the group and config. */
export interface NotifyOptions {
  /** Aborts when the server shuts down or the alerting pipeline gives up. */
  readonly signal: AbortSignal;
}

/**
 * Delivers notification groups for one integration type. The alerting
 * area calls it for each entry of `<type>_configs` in an Alertmanager-style
 * receiver (a notifier of type `webhook` serves `webhook_configs`).
 *
 * Contract: `notify` resolves once the group is delivered and rejects when
 * delivery failed for good (after the notifier's own retries). It may be
 * called concurrently for different groups. `config` has been validated
 * against `configSchema` by the host, with defaults filled in.
 */
export interface Notifier<Config = Record<string, unknown>> {
  /** Integration type, `[a-z][a-z0-9_]*`: `webhook` serves `webhook_configs`. */
  readonly type: string;
  /** JSON Schema of one `<type>_configs` entry. */
  readonly configSchema?: JsonSchema;
  notify(group: NotificationGroup, config: Config, options: NotifyOptions): Promise<void>;
}

/** Registers notifiers; offered only to plugins of kind `notifier`. */
export interface NotifierRegistrar {
  /** Throws PNP_SDK_CAPABILITY without the `notifier` kind, and also when another plugin already registered the type. */
  register<Config>(notifier: Notifier<Config>): void;
}
