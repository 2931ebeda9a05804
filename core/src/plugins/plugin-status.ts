import type { PluginKind } from '@panoptes/sdk';
import type { PluginOrigin } from './discover.js';

/**
 * Lifecycle states. `disabled`: turned off in config. `failed`: could not be
 * loaded (not found, bad manifest, SDK range, bad config) and will not be
 * retried until the config changes. `starting`, `running`, `stopping`,
 * `stopped`: as named. `restarting`: failed while running or starting and
 * waiting out its backoff before the next start.
 */
export type PluginState = 'disabled' | 'failed' | 'starting' | 'running' | 'restarting' | 'stopping' | 'stopped';

export interface PluginErrorInfo {
  readonly code: string;
  readonly message: string;
  /** start, stop, job, route, notify, detect, load or config. */
  readonly hook: string;
  /** RFC 3339. */
  readonly at: string;
}

/** One plugin as GET /api/v1/plugins and `panoptes plugin list` show it. */
export interface PluginStatus {
  /** The manifest id, or the `use` string when the plugin could not be loaded. */
  readonly id: string;
  readonly use: string;
  readonly origin: PluginOrigin | 'unknown';
  readonly version: string | null;
  readonly description: string | null;
  readonly kinds: readonly PluginKind[];
  /** The SDK range the plugin declares. */
  readonly sdk: string | null;
  readonly state: PluginState;
  readonly lastError: PluginErrorInfo | null;
  readonly restarts: number;
  /** The config in force, secrets shown as `<secret>`. */
  readonly config: Readonly<Record<string, unknown>> | null;
  readonly publicPaths: readonly string[];
  /** `/plugins/<id>/` when the plugin has a UI bundle. */
  readonly ui: string | null;
}
