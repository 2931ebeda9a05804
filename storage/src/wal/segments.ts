import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Segment and checkpoint file names: 8-digit decimal numbers, so names sort numerically. */
export function segmentName(n: number): string {
  return String(n).padStart(8, '0');
}

export function checkpointName(n: number): string {
  return `checkpoint.${segmentName(n)}`;
}

export interface WalFiles {
  /** Segment numbers, ascending. */
  readonly segments: number[];
  /** The newest complete checkpoint, if any (replay starts at its number). */
  readonly checkpoint: number | null;
  /** Older checkpoints and leftover temporary files, safe to delete. */
  readonly obsolete: string[];
}

export function listWal(dir: string): WalFiles {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { segments: [], checkpoint: null, obsolete: [] };
    throw err;
  }
  const segments: number[] = [];
  const checkpoints: number[] = [];
  const obsolete: string[] = [];
  for (const name of names) {
    if (/^\d{8}$/.test(name)) segments.push(Number(name));
    else if (/^checkpoint\.\d{8}$/.test(name)) checkpoints.push(Number(name.slice(11)));
    else if (name.endsWith('.tmp')) obsolete.push(name);
  }
  segments.sort((a, b) => a - b);
  checkpoints.sort((a, b) => a - b);
  const checkpoint = checkpoints.length > 0 ? checkpoints[checkpoints.length - 1]! : null;
  for (const c of checkpoints) if (c !== checkpoint) obsolete.push(checkpointName(c));
  return { segments, checkpoint, obsolete };
}

export function segmentPath(dir: string, n: number): string {
  return path.join(dir, segmentName(n));
}
