import type { Detector, DetectorInput, NotificationGroup, Notifier } from '@panoptes/sdk';
import type { AreaContext } from '../server/area.js';
import type { PluginStatus } from './plugin-status.js';

/**
 * A notifier registered by a running plugin, as core's alerting area sees it.
 * Calls are contained: a notifier that throws or hangs rejects with a
 * PluginHostError (plugin id and hook `notify`) and never throws
 * synchronously.
 */
export interface HostNotifier {
  readonly pluginId: string;
  /** Integration type: `webhook` serves `webhook_configs` in a receiver. */
  readonly type: string;
  /**
   * Validates one `<type>_configs` entry against the notifier's schema and
   * fills in defaults. `where` prefixes each problem (e.g.
   * `panoptes.yml: alerting.receivers[0].webhook_configs[1]`).
   */
  checkConfig(config: unknown, where: string): { config: Readonly<Record<string, unknown>> } | { problems: string[] };
  /**
   * Delivers one group. Resolves when delivered; rejects with
   * PNP_PLUGIN_NOT_RUNNING when the plugin stopped since the lookup,
   * PNP_PLUGIN_TIMEOUT after the host's notify timeout, or
   * PNP_PLUGIN_HOOK_FAILED carrying the notifier's error as `cause`. When
   * the notifier's error has a boolean `retryable` (the webhook notifier
   * sets false for HTTP 4xx), the rejection carries it too.
   */
  notify(group: NotificationGroup, config: Readonly<Record<string, unknown>>, options?: { signal?: AbortSignal }): Promise<void>;
}

/** A detector registered by a running plugin, contained like {@link HostNotifier}. */
export interface HostDetector {
  readonly pluginId: string;
  readonly name: string;
  readonly description: string;
  detect(input: DetectorInput): Promise<readonly number[]>;
}

/** Notifiers of running plugins, by integration type. */
export interface NotifierRegistry {
  get(type: string): HostNotifier | undefined;
  /** Registered types, sorted. */
  types(): string[];
}

/** Detectors of running plugins, by name. */
export interface DetectorRegistry {
  get(name: string): HostDetector | undefined;
  names(): string[];
}

/**
 * What the plugin host offers the rest of core.
 *
 * Usage from another area (alerting, rules), with the same AreaContext the
 * area received:
 *
 * ```ts
 * import { pluginHost } from '../plugins/host-registry.js';
 * const notifier = pluginHost(ctx).notifiers().get('webhook');
 * if (!notifier) throw new Error('no plugin provides webhook_configs');
 * const checked = notifier.checkConfig(entry, 'panoptes.yml: alerting.receivers[0].webhook_configs[0]');
 * if ('problems' in checked) refuse(checked.problems);
 * else await notifier.notify(group, checked.config, { signal });
 * ```
 *
 * Look notifiers up at send time, not once at start: plugins come and go
 * with reloads and restarts. The registry is filled once storage is ready
 * and plugins have started; before that it is empty. Areas may call
 * `pluginHost(ctx)` in any order, before or after the plugins area registers.
 */
export interface PluginHostApi {
  notifiers(): NotifierRegistry;
  detectors(): DetectorRegistry;
  /** Every plugin the host knows, as GET /api/v1/plugins shows it. */
  plugins(): PluginStatus[];
}

/** The registry behind PluginHostApi; the host fills it. */
export class PluginHostRegistry implements PluginHostApi {
  readonly notifierMap = new Map<string, HostNotifier>();
  readonly detectorMap = new Map<string, HostDetector>();
  statusSource: () => PluginStatus[] = () => [];

  notifiers(): NotifierRegistry {
    return { get: (t) => this.notifierMap.get(t), types: () => [...this.notifierMap.keys()].sort() };
  }
  detectors(): DetectorRegistry {
    return { get: (n) => this.detectorMap.get(n), names: () => [...this.detectorMap.keys()].sort() };
  }
  plugins(): PluginStatus[] {
    return this.statusSource();
  }
}

const registries = new WeakMap<AreaContext, PluginHostRegistry>();

/** The plugin host of the server that owns `ctx` (one per server, also when tests run several). */
export function pluginHost(ctx: AreaContext): PluginHostApi {
  return hostRegistry(ctx);
}

/** @internal For the plugins area itself. */
export function hostRegistry(ctx: AreaContext): PluginHostRegistry {
  let r = registries.get(ctx);
  if (!r) {
    r = new PluginHostRegistry();
    registries.set(ctx, r);
  }
  return r;
}

export type { Notifier, Detector };
