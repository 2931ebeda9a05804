import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { groupOffsetMs } from '../../core/src/rules/group-schedule.js';

/**
 * Evaluation times agree with Prometheus: Debian's prometheus runs a few
 * groups, and the timestamps it evaluates at must sit on the offsets
 * Panoptes computes for the same file and group names.
 */

const run = promisify(execFile);
const prometheus = await run('prometheus', ['--version']).then(
  () => 'prometheus',
  () => undefined,
);
if (!prometheus) console.warn('prometheus not found: install Debian\'s prometheus package (apt-get install prometheus) to compare evaluation times');

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

let child: ChildProcess | undefined;
const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-evaltimes-'));
afterAll(async () => {
  child?.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!prometheus)('evaluation times agree with Prometheus', () => {
  it('places each group at the same offset within its interval', async () => {
    const names = ['cpu', 'memory', 'disk-and-network', 'a much longer group name'];
    await writeFile(
      path.join(dir, 'rules.yml'),
      `groups:\n${names.map((n, i) => `  - name: ${JSON.stringify(n)}\n    interval: ${i % 2 === 0 ? '2s' : '3s'}\n    rules:\n      - record: r${i}\n        expr: vector(1)\n`).join('')}`,
    );
    await writeFile(path.join(dir, 'prometheus.yml'), 'global:\n  evaluation_interval: 2s\nrule_files: [rules.yml]\n');
    const port = await freePort();
    child = spawn(prometheus!, [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ], { stdio: 'ignore' });
    // Rule output samples carry the evaluation timestamp itself (the API's lastEvaluation is wall time, a little later).
    type Group = { name: string; file: string; interval: number; rules: { name: string }[] };
    let groups: Group[] = [];
    const stamps = new Map<string, number>();
    for (let i = 0; i < 400 && stamps.size < names.length; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/rules`).catch(() => undefined);
      if (res?.ok) {
        groups = ((await res.json()) as { data: { groups: Group[] } }).data.groups;
        for (const g of groups) {
          const q = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(`timestamp(${g.rules[0]!.name})`)}`);
          const body = (await q.json()) as { data: { result: { value: [number, string] }[] } };
          const v = body.data.result[0]?.value[1];
          if (v !== undefined) stamps.set(g.name, Math.round(Number(v) * 1000));
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(groups.map((g) => g.name).sort()).toEqual([...names].sort());
    for (const g of groups) {
      const interval = g.interval * 1000;
      const at = stamps.get(g.name)!;
      const offset = groupOffsetMs(g.file, g.name, interval);
      expect(((at - offset) % interval + interval) % interval, `${g.name} evaluated at ${at}, offset ${offset}ms`).toBe(0);
    }
  });
});
