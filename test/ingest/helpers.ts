import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { openStorage, type Labels } from '@panoptes/storage';

/** The first of these binaries that runs, or undefined (tests then skip with a message). */
export function findBinary(names: readonly string[]): string | undefined {
  return names.find((b) => spawnSync(b, ['--version']).status === 0);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `url` until it answers 200. */
export async function waitHttpOk(url: string, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(url).catch(() => undefined);
    if (res?.ok) return;
    await sleep(50);
  }
  throw new Error(`${what} did not come up at ${url}`);
}

export function startProcess(bin: string, args: readonly string[]): ChildProcess & { output: () => string } {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return Object.assign(child, { output: () => out });
}

export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const STALE_BITS = 0x7ff0000000000002n;
const scratch = new Float64Array(1);
const scratchBits = new BigUint64Array(scratch.buffer);

export interface StoredSeries {
  readonly labels: Record<string, string>;
  /** Sample timestamps and values, stale markers left out. */
  readonly samples: [number, number][];
  readonly staleMarkers: number;
}

/** Reads every series with samples in [mint, maxt] straight from a (closed) data directory. */
export async function readDataDir(dataDir: string, mint: number, maxt: number): Promise<StoredSeries[]> {
  const storage = await openStorage({ dataDir, autoCompact: false, compactionThreads: 0 });
  try {
    const q = await storage.querier(mint, maxt);
    const series = await q.select({ start: mint, end: maxt }, [{ type: '=~', name: '__name__', value: '.+' }]);
    const out: StoredSeries[] = [];
    for (const s of series) {
      const it = s.iterator();
      const samples: [number, number][] = [];
      let staleMarkers = 0;
      while (it.next()) {
        const v = it.value();
        scratch[0] = v;
        if (scratchBits[0] === STALE_BITS) staleMarkers++;
        else samples.push([it.at(), v]);
      }
      out.push({ labels: labelsObject(s.labels), samples, staleMarkers });
    }
    await q.close();
    return out;
  } finally {
    await storage.close();
  }
}

export function labelsObject(labels: Labels): Record<string, string> {
  return Object.fromEntries(labels.map((l) => [l.name, l.value]));
}

export function seriesKey(labels: Record<string, string>): string {
  return Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',');
}
