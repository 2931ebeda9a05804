import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerProcess, tempDir } from '../helpers/server-process.js';

const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop('SIGKILL')));
});

async function metric(server: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!m) throw new Error(`${name} not exposed`);
  return Number(m[1]);
}

async function setup(): Promise<{ server: ServerProcess; file: string }> {
  const dir = await tempDir();
  const file = path.join(dir, 'panoptes.yml');
  await writeFile(file, `server:\n  data_dir: ${JSON.stringify(path.join(dir, 'data'))}\n`);
  const server = await ServerProcess.start(['--config', file]);
  running.push(server);
  await server.waitReady();
  return { server, file };
}

describe('configuration reload', () => {
  it('POST /-/reload applies a good file', async () => {
    const { server, file } = await setup();
    await writeFile(file, 'server:\n  log_level: debug\n  data_dir: ./elsewhere\n');
    const res = await fetch(`${server.url}/-/reload`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('Configuration reloaded.\n');
    expect(await metric(server, 'panoptes_config_last_reload_successful')).toBe(1);
    // Log level changed: requests are now logged at debug.
    await fetch(`${server.url}/-/healthy`);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.stdout).toContain('"msg":"request"');
    expect(server.stdout).toContain('take effect only after a restart');
  });

  it('POST /-/reload with a bad file keeps the old config and says why', async () => {
    const { server, file } = await setup();
    await writeFile(file, 'server:\n  log_level: loud\n');
    const res = await fetch(`${server.url}/-/reload`, { method: 'POST' });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe(
      `failed to reload config: ${file}:2:14: server.log_level: "loud" is not one of: fatal, error, warn, info, debug, trace\n`,
    );
    expect(await metric(server, 'panoptes_config_last_reload_successful')).toBe(0);
    expect((await fetch(`${server.url}/-/ready`)).status).toBe(200);
    expect(server.stdout).toContain('config reload failed; keeping the running config');
  });

  it('SIGHUP reloads, and a bad file on SIGHUP keeps the server running', async () => {
    const { server, file } = await setup();
    await writeFile(file, 'global:\n  scrape_interval: nope\n');
    server.child.kill('SIGHUP');
    await expect.poll(() => metric(server, 'panoptes_config_last_reload_successful')).toBe(0);
    await writeFile(file, 'global:\n  scrape_interval: 30s\n');
    server.child.kill('SIGHUP');
    await expect.poll(() => metric(server, 'panoptes_config_last_reload_successful')).toBe(1);
    expect((await fetch(`${server.url}/-/ready`)).status).toBe(200);
  });
});
