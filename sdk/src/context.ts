import type { DetectorRegistrar } from './detector.js';
import type { HttpRoutes } from './http.js';
import type { JobScheduler } from './jobs.js';
import type { PluginMetrics } from './metrics.js';
import type { NotifierRegistrar } from './notifier.js';
import type { PromQuerier } from './query.js';
import type { SampleAppender } from './samples.js';
import type { KeyValueStore } from './store.js';

/** Structured fields added to a log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/** The plugin's logger: every line carries `plugin=<id>`. */
export interface PluginLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Facts about the host the plugin runs in. */
export interface HostInfo {
  /** The host's SDK version (inside the plugin's declared range). */
  readonly sdkVersion: string;
  /** The Panoptes server version, or `test` in the harness. */
  readonly serverVersion: string;
  /** Where users reach the server, for links in notifications. */
  readonly externalURL: string;
}

/**
 * Everything a plugin gets from the host, one capability per field.
 * A fresh context is built for each start; do not keep one across restarts.
 * After stop, capabilities reject with PNP_SDK_STOPPED.
 */
export interface PluginContext<Config = Record<string, unknown>> {
  /** The plugin's id, from its manifest. */
  readonly id: string;
  /** The validated config, schema defaults filled in, frozen. */
  readonly config: Readonly<Config>;
  readonly logger: PluginLogger;
  /** Aborts when the plugin is stopped (shutdown, reload, restart). */
  readonly signal: AbortSignal;
  /**
   * The host's clock, ms since the epoch: `Date.now()` in the server, the
   * fake clock in the test harness. Use it instead of `Date.now()` so tests
   * control time.
   */
  now(): number;
  readonly host: HostInfo;
  /** Writes samples into storage. */
  readonly appender: SampleAppender;
  /** Runs PromQL. */
  readonly querier: PromQuerier;
  /** Scheduled jobs with jitter, timeouts and abort on stop. */
  readonly jobs: JobScheduler;
  /** The plugin's private key-value store. */
  readonly store: KeyValueStore;
  /** Routes under /api/plugins/<id>/ and declared public paths. */
  readonly http: HttpRoutes;
  /** Metrics labelled `plugin="<id>"` on the server's /metrics. */
  readonly metrics: PluginMetrics;
  /** Notifier registration (kind `notifier`). */
  readonly notifiers: NotifierRegistrar;
  /** Detector registration (kind `detector`). */
  readonly detectors: DetectorRegistrar;
}
