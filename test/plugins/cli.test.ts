import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const panoptes = (args: string[], cwd: string) => spawnSync(process.execPath, [path.join(ROOT, 'core', 'bin', 'panoptes.js'), ...args], { cwd, encoding: 'utf8' });

describe('panoptes plugin list', () => {
  let dir: string;
  beforeAll(async () => void (dir = await mkdtemp(path.join(tmpdir(), 'panoptes-cli-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists the first-party plugins of the embedded defaults', () => {
    const r = panoptes(['plugin', 'list'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+VERSION\s+KINDS\s+SDK\s+ORIGIN\s+CHECK$/m);
    expect(r.stdout).toMatch(/^collector-host\s+1\.0\.0\s+collector\s+\^1\.0\.0\s+workspace\s+ok$/m);
    expect(r.stdout).toMatch(/^notifier-webhook\s+1\.0\.0\s+notifier\s+\^1\.0\.0\s+workspace\s+ok$/m);
  });

  it('fails with positioned config problems and missing plugins', async () => {
    const file = path.join(dir, 'panoptes.yml');
    await writeFile(file, ['plugins:', '  - use: collector-host', '    config:', '      interval: soon', '      jobb: node', '  - use: "@acme/not-installed"', ''].join('\n'));
    const r = panoptes(['plugin', 'list', '-c', file], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${file}:4:17: plugin collector-host: plugins[0].config.interval: "soon" is not a duration`);
    expect(r.stdout).toContain(`${file}:5:7: plugin collector-host: plugins[0].config.jobb: unknown field; did you mean "job"?`);
    expect(r.stdout).toMatch(/@acme\/not-installed: PNP_PLUGIN_NOT_FOUND: .*npm install @acme\/not-installed/);
    const json = JSON.parse(panoptes(['plugin', 'list', '-c', file, '--json'], dir).stdout) as { id: string; state: string }[];
    expect(json.find((p) => p.id === 'collector-host')?.state).toBe('failed');
  });
});
