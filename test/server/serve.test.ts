import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerProcess, tempDir } from '../helpers/server-process.js';

const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop('SIGKILL')));
});

async function start(args: string[]): Promise<ServerProcess> {
  const server = await ServerProcess.start(args);
  running.push(server);
  return server;
}

describe('panoptes serve', () => {
  it('starts on an empty data directory, turns ready, serves its metrics and stops on SIGTERM', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    const server = await start(['--data-dir', dataDir]);
    expect((await fetch(`${server.url}/-/healthy`)).status).toBe(200);
    await server.waitReady();
    expect(existsSync(dataDir)).toBe(true);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('process_cpu_user_seconds_total');
    expect(metrics).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(metrics).toContain('panoptes_ready 1');
    // The request to /-/ready above was counted by route and status.
    expect(metrics).toMatch(/panoptes_http_request_duration_seconds_count\{method="GET",route="\/-\/ready",code="200"\} \d+/);

    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.stdout).toContain('shutdown complete');
  });

  it('logs structured JSON lines', async () => {
    const server = await start(['--data-dir', path.join(await tempDir(), 'data'), '--log-level', 'debug']);
    await server.waitReady();
    await server.stop();
    const lines = server.stdout.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('level');
    expect(lines.some((l) => JSON.parse(l).msg === 'request')).toBe(true);
  });

  it('refuses a second server on the same data directory with a clear message', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    const first = await start(['--data-dir', dataDir]);
    await first.waitReady();
    const second = await start(['--data-dir', dataDir]);
    expect(await second.exited).toBe(1);
    expect(second.stdout).toContain(`data directory ${dataDir} is in use by another process`);
  });

  it('refuses a bad config file before listening', async () => {
    await expect(ServerProcess.start(['--config', 'does-not-exist.yml'])).rejects.toThrow(/does-not-exist\.yml: cannot read: ENOENT/);
  });

  it('refuses a bad --listen flag', async () => {
    await expect(ServerProcess.start(['--listen', 'nonsense'])).rejects.toThrow(/"nonsense" is not a host:port address/);
  });
});
