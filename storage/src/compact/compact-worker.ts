import { move } from 'piscina';
import { compactJobBytes } from './compact-job.js';

/** Piscina worker entry: a job's bytes in, the results' bytes out (transferred). */
export default function compactWorker(job: Uint8Array): Uint8Array {
  const out = compactJobBytes(job);
  return move(out) as Uint8Array;
}
