import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { checkpointName, listWal, segmentPath } from './segments.js';

/**
 * Writes `checkpoint.N` atomically (temporary file, fsync, rename, fsync of
 * the directory), then deletes segments below N and older checkpoints. The
 * caller guarantees that everything the deleted segments held is either in
 * LevelDB already or in the checkpoint's records.
 */
export function writeCheckpoint(dir: string, n: number, records: Iterable<Uint8Array>): number {
  const final = path.join(dir, checkpointName(n));
  const tmp = `${final}.tmp`;
  const fd = openSync(tmp, 'w');
  let bytes = 0;
  try {
    for (const r of records) {
      let off = 0;
      while (off < r.length) off += writeSync(fd, r, off, r.length - off);
      bytes += r.length;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, final);
  syncDir(dir);
  const files = listWal(dir);
  for (const s of files.segments) if (s < n) unlinkSync(segmentPath(dir, s));
  for (const name of files.obsolete) unlinkSync(path.join(dir, name));
  return bytes;
}

function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
