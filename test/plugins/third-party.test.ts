import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The third-party proof: pack the SDK, scaffold a plugin with
 * `panoptes plugin new` in a folder outside the repository, install the
 * SDK from the tarball alone, build and test the plugin with its own
 * tools, then load it into a running server by config (as a path, and a
 * second scaffolded plugin as an npm package installed from its tarball).
 * Run `npx tsc -b` first (the test packs sdk/dist and runs core/bin).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PANOPTES = path.join(ROOT, 'core', 'bin', 'panoptes.js');
const run = (cmd: string, args: string[], cwd: string): string => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('a third-party plugin built against the packed SDK', () => {
  let work: string;
  let pluginDir: string;
  let tarball: string;
  let server: ChildProcess | undefined;
  let base: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'panoptes-third-party-'));
    const packed = JSON.parse(run('npm', ['pack', '-w', 'sdk', '--json', '--pack-destination', work], ROOT)) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, packed[0]!.filename);
    expect(packed[0]!.files.map((f) => f.path).filter((p) => p.includes('.test.'))).toEqual([]);

    run(process.execPath, [PANOPTES, 'plugin', 'new', 'collector-acme', '--kind', 'collector', '--dir', work, '--package', '@acme/panoptes-plugin-acme'], work);
    pluginDir = path.join(work, 'collector-acme');
    // The SDK comes from the tarball and nothing else of Panoptes; dev tools are linked from this repository's node_modules.
    const sdkDir = path.join(pluginDir, 'node_modules', '@panoptes', 'sdk');
    await mkdir(sdkDir, { recursive: true });
    run('tar', ['-xzf', tarball, '-C', sdkDir, '--strip-components=1'], work);
    for (const tool of ['typescript', 'vitest']) await symlink(path.join(ROOT, 'node_modules', tool), path.join(pluginDir, 'node_modules', tool), 'dir');
  });

  afterAll(async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => (server ? server.once('exit', r) : r(undefined)));
    await rm(work, { recursive: true, force: true });
  });

  it('installs an SDK that holds only built files, no core or storage', async () => {
    const files = await readdir(path.join(pluginDir, 'node_modules', '@panoptes'));
    expect(files).toEqual(['sdk']);
    expect(await readdir(path.join(pluginDir, 'node_modules', '@panoptes', 'sdk', 'dist', 'testing'))).toContain('index.js');
  });

  it('builds with tsc and passes its own scaffolded test', () => {
    run(process.execPath, [path.join(pluginDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], pluginDir);
    const out = run(process.execPath, [path.join(pluginDir, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', pluginDir, '--dir', 'src'], pluginDir);
    expect(out).toMatch(/2 passed/);
  });

  it.each(['notifier', 'detector'])('scaffolds a %s plugin that builds and passes its test', async (kind) => {
    run(process.execPath, [PANOPTES, 'plugin', 'new', `${kind}-acme`, '--kind', kind, '--dir', work], work);
    const dir = path.join(work, `${kind}-acme`);
    await symlink(path.join(pluginDir, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    run(process.execPath, [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], dir);
    expect(run(process.execPath, [path.join(dir, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir, '--dir', 'src'], dir)).toMatch(/2 passed/);
  });

  it('loads into a running server from config and serves its metrics', async () => {
    // The notifier goes in as a user would install it from npm: its packed tarball, next to the SDK's, under node_modules.
    const packedPlugin = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], path.join(work, 'notifier-acme'))) as { filename: string }[];
    for (const [tgz, dest] of [
      [path.join(work, packedPlugin[0]!.filename), path.join(work, 'node_modules', 'panoptes-plugin-notifier-acme')],
      [tarball, path.join(work, 'node_modules', '@panoptes', 'sdk')],
    ] as const) {
      await mkdir(dest, { recursive: true });
      run('tar', ['-xzf', tgz, '-C', dest, '--strip-components=1'], work);
    }
    const config = path.join(work, 'panoptes.yml');
    await writeFile(
      config,
      [
        'server:',
        '  self_monitoring: false',
        'plugins:',
        '  - use: collector-host',
        '    enabled: false',
        '  - use: ./collector-acme',
        '    config:',
        '      interval: 1s',
        '      target: acme-db',
        '  - use: panoptes-plugin-notifier-acme',
        '',
      ].join('\n'),
    );
    server = spawn(process.execPath, [PANOPTES, 'serve', '--config', config, '--listen', '127.0.0.1:0', '--data-dir', path.join(work, 'data'), '--log-level', 'warn'], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    base = await new Promise<string>((resolve, reject) => {
      server!.stdout!.on('data', (c: Buffer) => {
        output += String(c);
        const m = /running at (http:\/\/[^/\s]+)\//.exec(output);
        if (m) resolve(m[1]!);
      });
      server!.stderr!.on('data', (c: Buffer) => (output += String(c)));
      server!.once('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
    });
    let acme: { state: string; origin: string; version: string; config: Record<string, unknown>; lastError: unknown } | undefined;
    for (let i = 0; i < 400 && acme?.state !== 'running'; i++) {
      const res = await fetch(`${base}/api/v1/plugins`).catch(() => undefined);
      if (res?.ok) acme = ((await res.json()) as { data: (typeof acme & { id: string })[] }).data.find((p) => p?.id === 'collector-acme');
      if (acme?.state !== 'running') await new Promise((r) => setTimeout(r, 25));
    }
    expect(acme).toMatchObject({ state: 'running', origin: 'path', version: '0.1.0', config: { interval: '1s', target: 'acme-db' } });
    let metrics = '';
    for (let i = 0; i < 400 && !/panoptes_plugin_jobs_total\{plugin="collector-acme",job="collect",result="success"\}/.test(metrics); i++) {
      metrics = await (await fetch(`${base}/metrics`)).text();
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(metrics).toMatch(/panoptes_plugin_samples_appended_total\{plugin="collector-acme"\} [1-9]/);
    const listed = run(process.execPath, [PANOPTES, 'plugin', 'list', '--server', base], work);
    expect(listed).toMatch(/^notifier-acme\s+0\.1\.0\s+notifier\s+\^1\.0\.0\s+npm\s+running$/m);
    expect(listed).toMatch(/^collector-acme\s+0\.1\.0\s+collector\s+\^1\.0\.0\s+path\s+running$/m);
  });
});
