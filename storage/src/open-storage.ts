import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import type { Storage } from './api.js';
import { StorageError } from './errors.js';
import { KEYSPACE_SUBLEVEL, TSDB_SUBLEVEL } from './keys.js';
import { PrefixedLevel } from './kv/prefixed-level.js';
import { LevelKeySpace, type BytesLevel } from './kv/level-keyspace.js';
import { silentLogger } from './logger.js';
import { resolveOptions, type StorageOptions } from './options.js';
import { Tsdb } from './tsdb.js';
import { createCompactor } from './compact/compactor.js';

export type { StorageLogger } from './logger.js';
export type { StorageOptions } from './options.js';

/** Opens the data directory's LevelDB; PNP_STORAGE_LOCKED when a server holds it. */
export async function openLevel(dataDir: string): Promise<ClassicLevel<Uint8Array, Uint8Array>> {
  await mkdir(dataDir, { recursive: true });
  const db = new ClassicLevel<Uint8Array, Uint8Array>(path.join(dataDir, 'db'), {
    keyEncoding: 'view',
    valueEncoding: 'view',
  });
  try {
    await db.open();
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    if (cause?.code === 'LEVEL_LOCKED') {
      throw new StorageError('PNP_STORAGE_LOCKED', `data directory ${dataDir} is in use by another process (a running server?)`, { cause: err });
    }
    throw new StorageError('PNP_STORAGE_OPEN', `open data directory ${dataDir}: ${(err as Error).message}`, { cause: err });
  }
  return db;
}

/** Opens the engine on an already opened LevelDB. */
export async function openTsdb(db: ClassicLevel<Uint8Array, Uint8Array>, options: StorageOptions): Promise<Tsdb> {
  const opts = resolveOptions(options);
  const logger = options.logger ?? silentLogger;
  const tsdbLevel = new PrefixedLevel(db, TSDB_SUBLEVEL);
  // Keyspaces live in their own sublevel, so no area or plugin name can reach the TSDB's keys.
  const keyspaces = new LevelKeySpace(db.sublevel<string, Uint8Array>(KEYSPACE_SUBLEVEL, { keyEncoding: 'utf8', valueEncoding: 'view' }) as unknown as BytesLevel);
  const tsdb = new Tsdb(tsdbLevel, keyspaces, opts, logger, () => db.close());
  try {
    await tsdb.load(options.onReplayProgress);
  } catch (err) {
    await db.close();
    throw err;
  }
  tsdb.compaction = createCompactor(tsdb);
  tsdb.storedBoundsReady = tsdb.refreshStoredBounds().catch((err: unknown) => logger.error({ err }, `scan of chunk time bounds failed: ${(err as Error).message}`));
  tsdb.residentReady = tsdb.warmResident().catch((err: unknown) => logger.error({ err }, `reading recent windows into memory failed: ${(err as Error).message}`));
  tsdb.startTimers();
  return tsdb;
}

/**
 * Opens the storage engine in a data directory: loads the index, replays the
 * WAL into the head and starts the compaction pool. Fails with
 * PNP_STORAGE_LOCKED when another process holds the directory.
 */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  const db = await openLevel(options.dataDir);
  return openTsdb(db, options);
}
