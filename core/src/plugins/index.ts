/** The plugin host's surface for the rest of core. */
export { pluginHost, type PluginHostApi, type HostNotifier, type HostDetector, type NotifierRegistry, type DetectorRegistry } from './host-registry.js';
export { createPluginsArea, pluginsArea } from './area.js';
export type { PluginStatus, PluginState, PluginErrorInfo } from './plugin-status.js';
export { PluginHostError, type PluginHostErrorCode, type PluginHook } from './errors.js';
