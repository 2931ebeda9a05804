import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStorage } from '@panoptes/storage';
import { afterEach, describe, expect, it } from 'vitest';

// Runs the built CLI (core/dist): build with `npx tsc -b` first.
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../core/bin/panoptes.js');
const T0 = 1_700_006_400_000;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function panoptes(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('panoptes tsdb', () => {
  it('prints stats, compacts offline, and refuses while a server holds the directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pnp-cli-'));
    dirs.push(dir);
    const s = await openStorage({ dataDir: dir });
    const refs = [0, 0];
    for (let i = 0; i < 600; i++) {
      const app = s.appender();
      for (let j = 0; j < 2; j++) refs[j] = app.append(refs[j]!, [{ name: '__name__', value: 'up' }, { name: 'job', value: `j${j}` }], T0 + i * 15_000, 1);
      await app.commit();
    }
    const held = panoptes('tsdb', 'compact', '--data-dir', dir);
    expect(held.code).toBe(1);
    expect(held.stderr).toMatch(/held by a running Panoptes server/);
    await s.close();

    const compact = panoptes('tsdb', 'compact', '--data-dir', dir);
    expect(compact.stderr).toMatch(/compact: +100%/);
    expect(compact.stdout).toMatch(/^compacted 2 windows/);
    expect(compact.code).toBe(0);

    const stats = panoptes('tsdb', 'stats', '--data-dir', dir, '--json');
    expect(stats.code).toBe(0);
    const json = JSON.parse(stats.stdout) as { series: number; samples: number; bytesPerSample: number; seriesCountByLabelValuePair: { name: string; value: number }[] };
    expect(json.series).toBe(2);
    expect(json.samples).toBe(1200);
    expect(json.bytesPerSample).toBeGreaterThan(0);
    expect(json.seriesCountByLabelValuePair[0]).toEqual({ name: '__name__=up', value: 2 });

    const table = panoptes('tsdb', 'stats', '--data-dir', dir);
    expect(table.stdout).toMatch(/Series: +2\nSamples: +1200/);
  });
});
