import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { compactJobBytes } from './compact-job.js';

/** Runs compaction jobs: bytes in, bytes out. */
export interface JobRunner {
  run(job: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * The worker entry is the compiled compact-worker.js beside this module. When
 * this module runs from TypeScript sources (tests), the worker still comes
 * from dist/, so build with `tsc -b` first.
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const sep = path.sep;
  const compiled = here.endsWith('.ts') ? here.replace(`${sep}src${sep}`, `${sep}dist${sep}`).replace(/\.ts$/, '.js') : here;
  return path.join(path.dirname(compiled), 'compact-worker.js');
}

/** A piscina pool of `threads` workers, started on first use; 0 threads runs jobs inline. */
export function createJobRunner(threads: number): JobRunner {
  if (threads <= 0) {
    return {
      run: async (job) => compactJobBytes(job),
      close: async () => {},
    };
  }
  let pool: Piscina | null = null;
  return {
    async run(job) {
      pool ??= new Piscina({ filename: workerFile(), minThreads: 0, maxThreads: threads, idleTimeout: 30_000 });
      const buf = job.buffer as ArrayBuffer;
      const out = (await pool.run(job, { transferList: [buf] })) as Uint8Array;
      return out;
    },
    async close() {
      await pool?.destroy();
      pool = null;
    },
  };
}
