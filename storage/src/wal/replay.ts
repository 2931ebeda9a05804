import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { StorageLogger } from '../logger.js';
import { readWalFile, repairWal, type WalRecord } from './wal-reader.js';
import { checkpointName, listWal, segmentName } from './segments.js';

export interface ReplayResult {
  /** The segment new writes should go to (one past the last replayed). */
  readonly nextSegment: number;
  readonly records: number;
  readonly bytes: number;
}

/** Progress of a long replay, as fractions of the bytes to read. */
export type ReplayProgress = (done: number, total: number) => void;

/**
 * Replays the newest checkpoint, then every segment from its number on, in
 * order. A torn or corrupt record in a segment truncates the WAL there with
 * a warning naming what was dropped; everything before it is kept.
 */
export function replayWal(dir: string, onRecord: (r: WalRecord) => void, logger: StorageLogger, progress?: ReplayProgress): ReplayResult {
  const files = listWal(dir);
  const from = files.checkpoint ?? 0;
  const segs = files.segments.filter((s) => s >= from);
  const names = [...(files.checkpoint !== null ? [checkpointName(files.checkpoint)] : []), ...segs.map(segmentName)];
  const total = names.reduce((sum, n) => sum + (existsSync(path.join(dir, n)) ? statSync(path.join(dir, n)).size : 0), 0);
  let done = 0;
  let records = 0;
  const count = (r: WalRecord): void => {
    records++;
    onRecord(r);
  };
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const { bytes, corruption } = readWalFile(path.join(dir, name), count);
    done += bytes;
    progress?.(done, total);
    if (corruption) {
      const later = names.slice(i + 1).filter((n) => !n.startsWith('checkpoint'));
      const { droppedBytes, droppedFiles } = repairWal(dir, name, corruption.offset, bytes, later);
      logger.warn(
        { file: name, offset: corruption.offset, reason: corruption.reason, droppedBytes, droppedFiles },
        `WAL ${name} is corrupt at offset ${corruption.offset} (${corruption.reason}): truncated it there, dropping ${droppedBytes} bytes` +
          (droppedFiles.length > 0 ? ` and later segments ${droppedFiles.join(', ')}` : '') +
          '; everything before it is kept',
      );
      break;
    }
  }
  const last = files.segments.length > 0 ? Math.max(files.segments[files.segments.length - 1]!, from) : from;
  // Never append to a segment that may have been cut mid-record: start a fresh one.
  return { nextSegment: last + 1, records, bytes: done };
}
