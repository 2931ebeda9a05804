import { closeSync, fdatasync, fdatasyncSync, fstatSync, mkdirSync, openSync, writevSync } from 'node:fs';
import { StorageError } from '../errors.js';
import { segmentPath } from './segments.js';

/**
 * When a write counts as durable. `'batch'`: every commit waits for an
 * fdatasync (commits arriving in the same tick share one). A number N > 0:
 * commits return once the bytes are written to the OS, and a timer syncs
 * every N ms, so a machine crash (not a process crash) may lose up to N ms.
 */
export type WalSyncPolicy = 'batch' | number;

export interface WalWriterOptions {
  readonly sync: WalSyncPolicy;
  /** A segment is closed and a new one started past this size. Default 32 MiB. */
  readonly segmentBytes?: number;
}

/**
 * Appends framed records to numbered segment files. Owns one file descriptor;
 * writes are synchronous (small, sequential) and syncs asynchronous, so the
 * event loop never waits on the disk.
 */
export class WalWriter {
  private fd: number;
  private segmentSize: number;
  private readonly segmentLimit: number;
  private waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private syncScheduled = false;
  private syncing = false;
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private failed: Error | null = null;
  /** Bytes written since the last checkpoint rotation. */
  bytesSinceRotate = 0;

  private constructor(
    private readonly dir: string,
    public segment: number,
    private readonly opts: WalWriterOptions,
  ) {
    mkdirSync(dir, { recursive: true });
    this.fd = openSync(segmentPath(dir, segment), 'a');
    this.segmentSize = fstatSync(this.fd).size;
    this.segmentLimit = opts.segmentBytes ?? 32 * 1024 * 1024;
    if (typeof opts.sync === 'number') {
      this.timer = setInterval(() => this.syncNow(), Math.max(1, opts.sync));
      this.timer.unref();
    }
  }

  /** Opens segment `segment` for appending (created when missing). */
  static open(dir: string, segment: number, opts: WalWriterOptions): WalWriter {
    return new WalWriter(dir, segment, opts);
  }

  /**
   * Writes the parts (framed records, possibly split into several buffers)
   * with one writev, then resolves once they are durable under the sync
   * policy. The parts are consumed before this returns; the caller may
   * reuse them. Rejects with PNP_WAL_WRITE when the write or sync fails.
   */
  append(parts: readonly Uint8Array[]): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    try {
      if (this.segmentSize >= this.segmentLimit) this.cut();
      let total = 0;
      for (const p of parts) total += p.length;
      let written = writevSync(this.fd, parts as Uint8Array[]);
      if (written < total) {
        // Short write (rare): finish the rest part by part.
        let skip = written;
        const rest: Uint8Array[] = [];
        for (const p of parts) {
          if (skip >= p.length) skip -= p.length;
          else {
            rest.push(p.subarray(skip));
            skip = 0;
          }
        }
        for (const p of rest) {
          let off = 0;
          while (off < p.length) off += writevSync(this.fd, [p.subarray(off)]);
        }
        written = total;
      }
      this.segmentSize += total;
      this.bytesSinceRotate += total;
    } catch (err) {
      return Promise.reject(new StorageError('PNP_WAL_WRITE', `write WAL segment ${this.segment}: ${(err as Error).message}`, { cause: err }));
    }
    this.dirty = true;
    if (this.opts.sync !== 'batch') return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.syncScheduled) {
        this.syncScheduled = true;
        setImmediate(() => this.syncNow());
      }
    });
  }

  private syncNow(): void {
    this.syncScheduled = false;
    if (this.syncing || !this.dirty) {
      if (!this.syncing) this.settle(this.waiting.splice(0), null);
      return;
    }
    this.syncing = true;
    this.dirty = false;
    const batch = this.waiting.splice(0);
    const fd = this.fd;
    fdatasync(fd, (err) => {
      this.syncing = false;
      const e = err ? new StorageError('PNP_WAL_WRITE', `sync WAL segment ${this.segment}: ${err.message}`, { cause: err }) : null;
      this.settle(batch, e);
      if (this.waiting.length > 0 && !this.syncScheduled) {
        this.syncScheduled = true;
        setImmediate(() => this.syncNow());
      }
    });
  }

  private settle(batch: { resolve: () => void; reject: (e: Error) => void }[], err: Error | null): void {
    for (const w of batch) {
      if (err) w.reject(err);
      else w.resolve();
    }
  }

  /** Syncs and closes the current segment and starts the next one; returns its number. */
  cut(): number {
    fdatasyncSync(this.fd);
    closeSync(this.fd);
    this.segment++;
    this.fd = openSync(segmentPath(this.dir, this.segment), 'a');
    this.segmentSize = 0;
    return this.segment;
  }

  /** Starts a new segment for a checkpoint: everything before it can be replaced by the checkpoint. */
  rotate(): number {
    const n = this.cut();
    this.bytesSinceRotate = 0;
    return n;
  }

  /** Syncs everything written and closes the file. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    while (this.syncing || this.waiting.length > 0) await new Promise((r) => setImmediate(r));
    try {
      fdatasyncSync(this.fd);
    } finally {
      closeSync(this.fd);
    }
    this.failed = new StorageError('PNP_STORAGE_CLOSED', 'WAL is closed');
  }
}
