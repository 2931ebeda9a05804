import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { checkpointName, listWal, segmentPath } from './segments.js';

/**
 * Writes `checkpoint.N` atomically (temporary file, fsync, rename, fsync of
 * the directory), then deletes segments below N and older checkpoints. The
 * caller guarantees that everything the deleted segments held is either in
 * LevelDB already or in the checkpoint's records. Asynchronous, so the
 * event loop keeps serving while the file is written and synced.
 */
export async function writeCheckpoint(dir: string, n: number, records: Iterable<Uint8Array>): Promise<number> {
  const final = path.join(dir, checkpointName(n));
  const tmp = `${final}.tmp`;
  const fh = await open(tmp, 'w');
  let bytes = 0;
  try {
    // Gather parts into writes of about 1 MiB: few syscalls, bounded memory.
    let batch: Uint8Array[] = [];
    let batchBytes = 0;
    for (const r of records) {
      // Parts may be views into arrays the generator reuses: copy before the next one.
      batch.push(r.slice());
      batchBytes += r.length;
      if (batchBytes >= 1 << 20) {
        await fh.writev(batch);
        bytes += batchBytes;
        batch = [];
        batchBytes = 0;
      }
    }
    if (batch.length > 0) await fh.writev(batch);
    bytes += batchBytes;
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, final);
  await syncDir(dir);
  const files = listWal(dir);
  for (const s of files.segments) if (s < n) await unlink(segmentPath(dir, s));
  for (const name of files.obsolete) await unlink(path.join(dir, name));
  return bytes;
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
