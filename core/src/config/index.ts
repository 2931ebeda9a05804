export { parseDuration, formatDuration } from './duration.js';
export { parseBytes } from './bytes.js';
export { ConfigError, ConfigReadError, formatProblem, type ConfigProblem } from './errors.js';
export { loadConfigFile, parseConfig, defaultConfig, type LoadedConfig, type ParseOptions } from './load-config.js';
export { compileSchema } from './validator.js';
export { configSchema } from './schema/index.js';
export type * from './types.js';
