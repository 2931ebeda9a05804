import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { LoadedConfig } from '../config/index.js';
import type { AreaContext } from '../server/area.js';
import { configOrigin, PluginHost, type PluginHostOptions } from './plugin-host.js';
import type { PluginStatus } from './plugin-status.js';

/**
 * Loads and checks the plugins of a config without a server: discovery,
 * import, manifest, SDK range and config validation, nothing started. A
 * plugin that passes every check shows state `stopped`. For
 * `panoptes plugin list` and config checks.
 */
export async function inspectPlugins(loaded: LoadedConfig, options: PluginHostOptions = {}): Promise<PluginStatus[]> {
  const noop = (): void => {};
  const ctx: AreaContext = {
    get storage(): never {
      throw new Error('no storage when inspecting plugins');
    },
    config: () => loaded.config,
    loadedConfig: () => loaded,
    listenAddress: loaded.config.server.listen,
    dataDir: loaded.config.server.data_dir,
    metrics: new Registry(),
    logger: pino({ level: 'silent' }),
    startTime: Date.now(),
    flags: {},
    onReady: noop,
    onConfigCheck: noop,
    onConfigApply: noop,
    onShutdown: noop,
  };
  const host = new PluginHost(ctx, options);
  await host.load(loaded.config, await configOrigin(ctx, false));
  return host.statuses();
}
