import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerProcess, tempDir } from '../helpers/server-process.js';

const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop('SIGKILL')));
});

/**
 * Sends the head of a request and half its body, once the server has
 * answered `100 Continue` (so the request is surely in flight), and returns
 * a function that sends the rest and resolves with the whole response.
 */
function halfSentRequest(url: string): Promise<() => Promise<string>> {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ padding: 'x'.repeat(64) });
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(
        `POST /-/reload HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
      );
      let response = '';
      const done = new Promise<string>((res) => socket.on('close', () => res(response)));
      let continued = false;
      socket.on('data', (d) => {
        response += d.toString();
        if (!continued && response.includes('100 Continue')) {
          continued = true;
          socket.write(body.slice(0, 10));
          resolve(async () => {
            socket.write(body.slice(10));
            return done;
          });
        }
      });
    });
    socket.on('error', reject);
  });
}

describe('graceful shutdown', () => {
  it('finishes every in-flight request after SIGTERM, then exits 0', async () => {
    const server = await ServerProcess.start(['--data-dir', path.join(await tempDir(), 'data')]);
    running.push(server);
    await server.waitReady();
    const pending = await Promise.all(Array.from({ length: 20 }, () => halfSentRequest(server.url)));
    server.child.kill('SIGTERM');
    await expect.poll(() => server.stdout.includes('shutting down')).toBe(true);
    // New connections are refused while the in-flight ones finish.
    await expect(fetch(`${server.url}/-/healthy`)).rejects.toThrow();
    const responses = await Promise.all(pending.map((finish) => finish()));
    for (const response of responses) expect(response).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK/);
    expect(await server.exited).toBe(0);
  });

  it('exits at once on a second signal', async () => {
    const server = await ServerProcess.start(['--data-dir', path.join(await tempDir(), 'data')]);
    running.push(server);
    await server.waitReady();
    const pending = await halfSentRequest(server.url); // keeps shutdown waiting
    server.child.kill('SIGTERM');
    await expect.poll(() => server.stdout.includes('shutting down')).toBe(true);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(1);
    expect(server.stdout).toContain('second signal: exiting now');
    void pending;
  });
});
