import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

/** The shared benchmark workload (../shared/bench/workload.mjs from the repository root). */
export interface Workload {
  readonly series: { labels: [string, string][] }[];
  readonly timestamps: number[];
  readonly values: Float64Array;
  readonly samplesPerSeries: number;
}

export const WORKLOAD_START = 1_700_006_400_000;

function workloadModulePath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // dist/bench → storage → repository root → its parent holds shared/
  const candidate = path.resolve(here, '../../../../shared/bench/workload.mjs');
  if (!existsSync(candidate)) throw new Error(`benchmark workload not found at ${candidate}`);
  return candidate;
}

export async function loadWorkload(hosts: number, duration = '2h'): Promise<Workload> {
  const mod = (await import(pathToFileURL(workloadModulePath()).href)) as {
    generate(o: object): Workload;
  };
  return mod.generate({ hosts, duration, start: WORKLOAD_START, seed: 1 });
}

/** A workload series' labels (already sorted by name) as storage labels. */
export function toLabels(labels: [string, string][]): { name: string; value: string }[] {
  return labels.map(([name, value]) => ({ name, value }));
}
