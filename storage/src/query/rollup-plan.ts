import type { SelectHints } from '../api.js';
import { ROLLUP_1H_MS, ROLLUP_5M_MS, type RollupColumn } from '../compact/rollup.js';
import { ROLLUP_RES_1H, ROLLUP_RES_5M } from '../keys.js';

/**
 * Functions whose result over a range equals the same function over the
 * range's rollup buckets, so the querier may hand back one sample per bucket
 * (the bucket's aggregate) instead of the raw samples.
 */
const COMBINABLE: Record<string, RollupColumn> = {
  max_over_time: 'max',
  min_over_time: 'min',
  sum_over_time: 'sum',
};

export interface RollupPlan {
  /** Key resolution code (ROLLUP_RES_*). */
  readonly res: number;
  readonly resMs: number;
  readonly column: RollupColumn;
}

/**
 * Picks the coarsest rollup whose bucket divides both the query's step and
 * the function's range, or null for raw data. A bucket [B, B+res) is
 * returned as one sample at B+res-1, so for ranges aligned to the bucket a
 * result can differ from raw data only by a sample lying exactly on the
 * range's left edge (Prometheus excludes it, the bucket includes it) or on
 * its right edge (the other way round).
 */
export function planRollup(hints: SelectHints): RollupPlan | null {
  const column = hints.func !== undefined ? COMBINABLE[hints.func] : undefined;
  if (column === undefined || hints.step === undefined || hints.range === undefined) return null;
  for (const [res, resMs] of [
    [ROLLUP_RES_1H, ROLLUP_1H_MS],
    [ROLLUP_RES_5M, ROLLUP_5M_MS],
  ] as const) {
    if (hints.step >= resMs && hints.range >= resMs && hints.range % resMs === 0 && hints.step % resMs === 0) return { res, resMs, column };
  }
  return null;
}
