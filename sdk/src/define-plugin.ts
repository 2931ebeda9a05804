import type { PluginContext } from './context.js';
import { SdkError } from './errors.js';
import { manifestProblems, type PluginManifest } from './manifest.js';
import { SDK_VERSION } from './version.js';

/**
 * A plugin: its manifest plus its hooks. The hooks form a closed list:
 *
 * - `start(ctx)`: called once per start, after config validation, when
 *   storage is open. Register routes, jobs, notifiers and detectors here.
 *   It must resolve within the host's start timeout (30 s by default); a
 *   rejection or timeout marks the plugin failed and the host retries with
 *   backoff.
 * - `stop(ctx)`: optional, called on shutdown, reload and before a restart,
 *   after `ctx.signal` aborted and jobs were cancelled. Release what `start`
 *   acquired outside the context (sockets, child processes). Bounded by the
 *   stop timeout (10 s by default).
 *
 * Hooks run one at a time for a plugin: `stop` never overlaps `start`.
 */
export interface PluginDefinition<Config = Record<string, unknown>> extends PluginManifest {
  start(ctx: PluginContext<Config>): Promise<void> | void;
  stop?(ctx: PluginContext<Config>): Promise<void> | void;
  /**
   * Absolute path (or file URL) of a directory of static files served under
   * /plugins/<id>/ (index.html for the directory itself), e.g.
   * `new URL('../ui/', import.meta.url)`.
   */
  readonly uiBundle?: string | URL;
}

/** Marks definitions made by `definePlugin`; `Symbol.for` so every copy of the SDK agrees. */
export const PLUGIN_MARK: unique symbol = Symbol.for('panoptes.plugin') as never;

/** A validated, frozen plugin definition, as `definePlugin` returns it. */
export type Plugin<Config = Record<string, unknown>> = Readonly<PluginDefinition<Config>> & {
  /** The SDK version the plugin was built with. */
  readonly [PLUGIN_MARK]: string;
};

/**
 * Declares a plugin. Export the result as the module's default export.
 * Throws PNP_SDK_MANIFEST listing every problem when the manifest is
 * invalid, so a plugin's own tests catch it.
 *
 * @example
 * export default definePlugin({
 *   id: 'collector-hello', version: '1.0.0', sdk: '^1.0.0', kinds: ['collector'],
 *   description: 'Writes hello_total.',
 *   start(ctx) { ctx.jobs.every({ name: 'hello', interval: '15s' }, () => ctx.appender.append([{ name: 'hello_total', value: 1 }])); },
 * });
 */
export function definePlugin<Config = Record<string, unknown>>(definition: PluginDefinition<Config>): Plugin<Config> {
  const problems = manifestProblems(definition as unknown as Record<string, unknown>);
  if (typeof definition.start !== 'function') problems.push('start: expected a function');
  if (definition.stop !== undefined && typeof definition.stop !== 'function') problems.push('stop: expected a function');
  if (problems.length > 0) {
    const id = typeof definition.id === 'string' ? definition.id : '<no id>';
    throw new SdkError('PNP_SDK_MANIFEST', `plugin ${id}: invalid manifest:\n  ${problems.join('\n  ')}`);
  }
  return Object.freeze({ ...definition, [PLUGIN_MARK]: SDK_VERSION }) as Plugin<Config>;
}

/** True for a value made by `definePlugin` of any SDK copy. */
export function isPlugin(value: unknown): value is Plugin {
  return value !== null && typeof value === 'object' && typeof (value as Record<symbol, unknown>)[PLUGIN_MARK] === 'string';
}
