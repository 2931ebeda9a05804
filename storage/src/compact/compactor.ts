import type { CompactionHook, Tsdb } from '../tsdb.js';

/** Placeholder until the worker-pool compactor lands. */
export function createCompactor(_tsdb: Tsdb): CompactionHook {
  return {
    afterCheckpoint() {},
    async close() {},
  };
}
