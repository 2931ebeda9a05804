import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import type { Storage, StorageStats } from './api.js';
import { StorageError } from './errors.js';
import { LevelKeySpace, type BytesLevel } from './kv/level-keyspace.js';

/** Logger the storage engine writes to; pino's shape. */
export interface StorageLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

export interface StorageOptions {
  /** Directory that holds the LevelDB and WAL; created when missing. */
  readonly dataDir: string;
  readonly logger?: StorageLogger;
}

/**
 * Opens the storage engine in a data directory. Fails with
 * PNP_STORAGE_LOCKED when another process holds the directory.
 *
 * Placeholder engine: keyspaces work; the TSDB (issue #3) replaces the
 * appender, querier and stats.
 */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  await mkdir(options.dataDir, { recursive: true });
  const db = new ClassicLevel<string, Uint8Array>(path.join(options.dataDir, 'db'), {
    keyEncoding: 'utf8',
    valueEncoding: 'view',
  });
  try {
    await db.open();
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    if (cause?.code === 'LEVEL_LOCKED') {
      throw new StorageError('PNP_STORAGE_LOCKED', `data directory ${options.dataDir} is in use by another process`, { cause: err });
    }
    throw new StorageError('PNP_STORAGE_OPEN', `open data directory ${options.dataDir}: ${(err as Error).message}`, { cause: err });
  }
  const root = new LevelKeySpace(db as unknown as BytesLevel);
  const notYet = (): never => {
    throw new StorageError('PNP_STORAGE_CLOSED', 'the TSDB is not built yet');
  };
  return {
    appender: notYet,
    querier: async () => notYet(),
    deleteSeries: async () => notYet(),
    stats: async (): Promise<StorageStats> => notYet(),
    keyspace: (name) => root.sub(name),
    close: async () => {
      await db.close();
    },
  };
}
