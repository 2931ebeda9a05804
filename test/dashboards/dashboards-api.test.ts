import { Writable } from 'node:stream';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardsArea } from '../../core/src/dashboards/area.js';
import { startServer, type RunningServer } from '../../core/src/server/run-server.js';
import { tempDir } from '../helpers/server-process.js';

const quiet = new Writable({ write: (_c, _e, cb) => cb() });
const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(dataDir: string): Promise<{ url: string; server: RunningServer }> {
  const server = await startServer({ listen: '127.0.0.1:0', dataDir, logDestination: quiet, areas: [{ name: 'dashboards', area: dashboardsArea }] });
  servers.push(server);
  await server.ready;
  return { url: `http://${server.address}`, server };
}

const call = async (url: string, method: string, body?: unknown) => {
  const res = await fetch(url, {
    method,
    ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, body: (await res.json()) as { status: string; data?: any; error?: string; errorType?: string } };
};

const dashboard = {
  title: 'Host overview',
  time: { from: 'now-1h', to: 'now' },
  refresh: '30s',
  variables: [{ name: 'instance', query: 'label_values(node_uname_info, instance)' }],
  rows: [{ title: 'CPU', panels: [{ type: 'timeseries', title: 'CPU', targets: [{ expr: 'rate(node_cpu_seconds_total[5m])' }] }] }],
};

describe('/api/v1/dashboards', () => {
  it('creates, lists, reads, updates and deletes, and keeps dashboards across restarts', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    let { url, server } = await start(dataDir);

    const created = await call(`${url}/api/v1/dashboards`, 'POST', dashboard);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ title: 'Host overview', version: 1 });
    const id = created.body.data.id as string;
    expect(id).toMatch(/^host-overview-[0-9a-f]{6}$/);

    const list = await call(`${url}/api/v1/dashboards`, 'GET');
    expect(list.body).toEqual({ status: 'success', data: [{ id, title: 'Host overview', tags: [], updatedAt: expect.any(String), version: 1 }] });

    const saved = await call(`${url}/api/v1/dashboards/${id}`, 'PUT', { ...created.body.data, title: 'Hosts' });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ id, title: 'Hosts', version: 2 });

    await server.close();
    servers.length = 0;
    ({ url, server } = await start(dataDir));
    const read = await call(`${url}/api/v1/dashboards/${id}`, 'GET');
    expect(read.body.data).toMatchObject({ id, title: 'Hosts', version: 2, rows: dashboard.rows });

    expect((await call(`${url}/api/v1/dashboards/${id}`, 'DELETE')).status).toBe(200);
    expect(await call(`${url}/api/v1/dashboards/${id}`, 'GET')).toEqual({
      status: 404,
      body: { status: 'error', errorType: 'not_found', error: `dashboard "${id}" does not exist` },
    });
  });

  it('refuses a save based on an older version', async () => {
    const { url } = await start(path.join(await tempDir(), 'data'));
    const created = (await call(`${url}/api/v1/dashboards`, 'POST', { ...dashboard, id: 'hosts' })).body.data;
    await call(`${url}/api/v1/dashboards/hosts`, 'PUT', { ...created, title: 'first editor' });
    const second = await call(`${url}/api/v1/dashboards/hosts`, 'PUT', { ...created, title: 'second editor' });
    expect(second.status).toBe(409);
    expect(second.body.error).toBe('dashboard "hosts" was changed since you loaded it (stored version 2, yours 1); reload it and save again');
    expect((await call(`${url}/api/v1/dashboards`, 'POST', { ...dashboard, id: 'hosts' })).status).toBe(409);
  });

  it.each([
    [{ rows: [] }, "dashboard: must have required property 'title'"],
    [{ title: '' }, 'dashboard.title: must NOT have fewer than 1 characters'],
    [{ title: 'x', rows: [{ panels: [{ title: 'no type' }] }] }, "dashboard.rows[0].panels[0]: must have required property 'type'"],
    [{ title: 'x', time: { from: 'now-1h' } }, "dashboard.time: must have required property 'to'"],
    [[1, 2], 'the body must be a JSON object'],
  ])('rejects %j with 400 and says where', async (body, message) => {
    const { url } = await start(path.join(await tempDir(), 'data'));
    const res = await call(`${url}/api/v1/dashboards`, 'POST', body);
    expect(res).toEqual({ status: 400, body: { status: 'error', errorType: 'bad_data', error: message } });
  });
});
