/**
 * Error catalogue of the plugin host. Codes are stable and documented in
 * docs/plugins/errors.md; a retired code is never reused.
 */
export type PluginHostErrorCode =
  /** `use` names nothing that can be found (no such package or path). */
  | 'PNP_PLUGIN_NOT_FOUND'
  /** Importing the plugin's module failed, or it exports no `definePlugin` result. */
  | 'PNP_PLUGIN_LOAD'
  /** The manifest does not match the published manifest schema. */
  | 'PNP_PLUGIN_MANIFEST'
  /** The plugin's SDK range does not include the host's SDK version. */
  | 'PNP_PLUGIN_SDK_RANGE'
  /** Two plugins have the same id. */
  | 'PNP_PLUGIN_DUPLICATE_ID'
  /** The plugin's config does not match its schema, or its schema does not compile. */
  | 'PNP_PLUGIN_CONFIG'
  /** A public path is already served by core or another plugin. */
  | 'PNP_PLUGIN_ROUTE_CONFLICT'
  /** A hook (start, stop, a job, a route, notify) did not settle in time. */
  | 'PNP_PLUGIN_TIMEOUT'
  /** A hook threw or rejected. */
  | 'PNP_PLUGIN_HOOK_FAILED'
  /** The plugin is not running (disabled, failed or restarting). */
  | 'PNP_PLUGIN_NOT_RUNNING'
  /** The change needs a server restart (e.g. a new public path on reload). */
  | 'PNP_PLUGIN_RESTART_REQUIRED';

/** Which part of a plugin an error came from. */
/** `async`: thrown outside any hook, from the plugin's own timers or emitters (claimed by its files on the stack). */
export type PluginHook = 'load' | 'config' | 'start' | 'stop' | 'job' | 'route' | 'notify' | 'detect' | 'async';

/** A plugin failure: carries the plugin id and hook, keeps the cause. */
export class PluginHostError extends Error {
  override readonly name = 'PluginHostError';
  constructor(
    readonly code: PluginHostErrorCode,
    readonly pluginId: string,
    message: string,
    options: { cause?: unknown; hook?: PluginHook } = {},
  ) {
    super(`plugin ${pluginId}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.hook = options.hook;
  }
  readonly hook: PluginHook | undefined;
}

/** The error's own code when it has one (`PNP_*`, `ERR_*`), else undefined. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A message for any thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
