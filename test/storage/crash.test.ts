import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStorage } from '@panoptes/storage';
import { afterEach, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const writer = path.join(here, 'fixtures', 'crash-writer.mjs');
const T0 = 1_700_006_400_000;
const SERIES = 50;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs the writer until it has acknowledged `acks` more batches, then SIGKILLs it; returns the last acknowledged batch. */
function runAndKill(dataDir: string, startBatch: number, acks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir, String(SERIES), String(startBatch)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let last = startBatch - 1;
    let buf = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = /^ack (\d+)$/.exec(line);
        if (m) last = Number(m[1]);
      }
      if (!killed && last - startBatch + 1 >= acks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

describe('crash safety', () => {
  it('finds every acknowledged sample after SIGKILL during continuous writes, checkpoints and compaction', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pnp-crash-'));
    dirs.push(dir);
    // Three kill/restart rounds; each round appends to what survived the last.
    let next = 0;
    const acked: number[] = [];
    for (const acks of [150, 90, 200]) {
      const last = await runAndKill(dir, next, acks);
      acked.push(last);
      next = last + 1;
    }
    const lastAcked = acked[acked.length - 1]!;
    // The kills landed while checkpoints were being taken and replaced WAL segments.
    expect(readdirSync(path.join(dir, 'wal')).some((f) => f.startsWith('checkpoint.'))).toBe(true);
    // The writer's chunk range: it is fixed for a data directory.
    const s = await openStorage({ dataDir: dir, compactionThreads: 0, chunkRange: 60_000 });
    try {
      const q = await s.querier(0, Number.MAX_SAFE_INTEGER);
      const series = await q.select({ start: 0, end: Number.MAX_SAFE_INTEGER }, [{ type: '=', name: '__name__', value: 'crash' }]);
      expect(series.length).toBe(SERIES);
      for (const one of series) {
        const j = Number(one.labels.find((l) => l.name === 's')!.value);
        const it = one.iterator();
        let b = 0;
        // Every acknowledged batch is present with its exact value, in order;
        // batches written after the last ack may or may not be there.
        while (it.next()) {
          expect(it.at()).toBe(T0 + b * 1000);
          expect(it.value()).toBe(b * 1000 + j);
          b++;
        }
        expect(b).toBeGreaterThanOrEqual(lastAcked + 1);
      }
    } finally {
      await s.close();
    }
  });
});
