import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleNotificationGroup } from '@panoptes/sdk/testing';
import { startServer, type RunningServer } from '../../core/src/server/run-server.js';
import type { AreaContext } from '../../core/src/server/area.js';
import { createPluginsArea } from '../../core/src/plugins/area.js';
import { pluginHost } from '../../core/src/plugins/host-registry.js';

/**
 * The first-party plugins inside the real host, with core's strict schema
 * compiler: both start by default, the webhook notifier's receiver schema
 * works through the registry core's alerting uses, and a notification
 * arrives as Alertmanager's version 4 payload.
 */
describe('first-party plugins in the host', () => {
  let dir: string;
  let server: RunningServer;
  let area: AreaContext | undefined;
  let receiver: Server;
  let receiverUrl: string;
  const bodies: unknown[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'panoptes-first-party-'));
    receiver = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c));
      req.on('end', () => {
        bodies.push(JSON.parse(data));
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
    server = await startServer({
      listen: '127.0.0.1:0',
      dataDir: path.join(dir, 'data'),
      logDestination: new Writable({ write: (_c, _e, cb) => cb() }),
      areas: [
        { name: 'plugins', area: createPluginsArea() },
        { name: 'probe', area: async (_app, ctx) => void (area = ctx) },
      ],
    });
    await server.ready;
    for (let i = 0; i < 400 && pluginHost(area!).plugins().filter((p) => p.state === 'running').length < 2; i++) await new Promise((r) => setTimeout(r, 25));
  });

  afterAll(async () => {
    await server?.close();
    receiver?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts collector-host and notifier-webhook by default', () => {
    const states = Object.fromEntries(pluginHost(area!).plugins().map((p) => [p.id, p.state]));
    expect(states).toEqual({ 'collector-host': 'running', 'notifier-webhook': 'running' });
  });

  it('checks webhook_configs entries with the notifier schema', () => {
    const webhook = pluginHost(area!).notifiers().get('webhook')!;
    expect(webhook.checkConfig({ url: receiverUrl }, 'r')).toEqual({ config: { url: receiverUrl, send_resolved: true, max_alerts: 0 } });
    const bad = webhook.checkConfig({ send_resolved: 'yes', url: 'ftp://x' }, 'panoptes.yml: alerting.receivers[0].webhook_configs[0]');
    expect('problems' in bad && bad.problems.join('\n')).toMatch(/webhook_configs\[0\]\.send_resolved: expected true or false/);
    expect('problems' in bad && bad.problems.join('\n')).toMatch(/webhook_configs\[0\]\.url: "ftp:\/\/x" is not an http or https URL/);
  });

  it('delivers a notification group through the registry as a version 4 payload', async () => {
    const webhook = pluginHost(area!).notifiers().get('webhook')!;
    const checked = webhook.checkConfig({ url: receiverUrl }, 'r');
    if (!('config' in checked)) throw new Error('config refused');
    await webhook.notify(exampleNotificationGroup({ receiver: 'ops.pager' }), checked.config);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ version: '4', receiver: 'ops\\.pager', status: 'firing' });
  });
});
