import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A plugin that throws from its own timer and leaves a promise rejected
 * outside every hook must not take `panoptes serve` down: the server blames
 * the plugin (its files are on the stack), restarts it, and keeps serving.
 * Runs the real binary, because the guard stands aside when a test runner
 * already handles these process events.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('errors thrown outside plugin hooks', () => {
  let work: string;
  let server: ChildProcess;
  let base: string;
  let output = '';

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'panoptes-guard-'));
    const pkg = path.join(work, 'collector-rogue');
    await mkdir(path.join(pkg, 'node_modules', '@panoptes'), { recursive: true });
    await symlink(path.join(ROOT, 'sdk'), path.join(pkg, 'node_modules', '@panoptes', 'sdk'), 'dir');
    await writeFile(path.join(pkg, 'package.json'), JSON.stringify({ name: 'collector-rogue', type: 'module', main: 'index.js' }));
    await writeFile(
      path.join(pkg, 'index.js'),
      [
        "import { definePlugin } from '@panoptes/sdk';",
        'let starts = 0;',
        "export default definePlugin({ id: 'collector-rogue', version: '1.0.0', sdk: '^1.0.0', kinds: ['collector'], description: 'throws from its own timer',",
        '  start(ctx) {',
        '    starts++;',
        "    ctx.http.route({ method: 'GET', path: '/starts', handler: () => ({ body: { starts } }) });",
        "    if (starts === 1) setTimeout(() => { throw new Error('rogue timer'); }, 50);",
        "    if (starts === 2) setTimeout(() => { Promise.reject(new Error('rogue rejection')); }, 50);",
        '  } });',
      ].join('\n'),
    );
    const config = path.join(work, 'panoptes.yml');
    await writeFile(config, ['server:', '  self_monitoring: false', 'plugins:', '  - use: collector-host', '    enabled: false', '  - use: ./collector-rogue', ''].join('\n'));
    server = spawn(process.execPath, [path.join(ROOT, 'core', 'bin', 'panoptes.js'), 'serve', '--config', config, '--listen', '127.0.0.1:0', '--data-dir', path.join(work, 'data')], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    base = await new Promise<string>((resolve, reject) => {
      server.stdout!.on('data', (c: Buffer) => {
        output += String(c);
        const m = /running at (http:\/\/[^/\s]+)\//.exec(output);
        if (m) resolve(m[1]!);
      });
      server.stderr!.on('data', (c: Buffer) => (output += String(c)));
      server.once('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
    });
  });

  afterAll(async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    await rm(work, { recursive: true, force: true });
  });

  it('restarts the plugin and keeps the server up', async () => {
    let starts = 0;
    for (let i = 0; i < 600 && starts < 3; i++) {
      const res = await fetch(`${base}/api/plugins/collector-rogue/starts`).catch(() => undefined);
      if (res?.ok) starts = ((await res.json()) as { starts: number }).starts;
      if (starts < 3) await new Promise((r) => setTimeout(r, 25));
    }
    expect(starts, output).toBe(3);
    expect(server.exitCode).toBeNull();
    const list = (await (await fetch(`${base}/api/v1/plugins`)).json()) as { data: { id: string; restarts: number; lastError: { hook: string; message: string } }[] };
    const rogue = list.data.find((p) => p.id === 'collector-rogue');
    expect(rogue?.restarts).toBe(2);
    expect(rogue?.lastError).toMatchObject({ hook: 'async', message: 'rogue rejection' });
    expect((await fetch(`${base}/-/healthy`)).status).toBe(200);
  });
});
