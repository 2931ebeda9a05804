/** Logger the storage engine writes to; pino's shape. */
export interface StorageLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

/** Drops everything: the default when the caller gives no logger. */
export const silentLogger: StorageLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
};
