import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess, tempDir } from '../helpers/server-process.js';

/**
 * The whole path on a real server: a rule file evaluated against storage,
 * alerts through the pipeline, delivered by the notifier-webhook plugin to a
 * webhook receiver on 127.0.0.1; the APIs; silences surviving a restart;
 * a bad rule file refused on reload with the old rules kept.
 */

interface Hook {
  status: string;
  receiver: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string>; fingerprint: string }[];
}

const received: Hook[] = [];
let hookServer: Server;
let hookUrl: string;
let dir: string;
let server: ServerProcess | undefined;

async function until<T>(what: string, f: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await f();
    if (v !== undefined) return v;
    if (i > 600) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function getJson(pathAndQuery: string): Promise<any> {
  const res = await fetch(`${server!.url}${pathAndQuery}`);
  return res.json();
}

const RULES = `groups:
  - name: always
    interval: 1s
    rules:
      - record: panoptes_test:one
        expr: vector(1)
      - alert: AlwaysFiring
        expr: panoptes_test:one > 0
        labels: { severity: page }
        annotations: { summary: "value {{ $value }} in {{ $externalLabels.cluster }}" }
`;

function config(rules: string): string {
  return `global:
  evaluation_interval: 1s
  external_labels: { cluster: itest }
server:
  self_monitoring: false
rule_files: [${rules}]
alerting:
  route:
    receiver: hook
    group_by: [alertname]
    group_wait: 1s
    group_interval: 2s
    repeat_interval: 1h
  receivers:
    - name: hook
      webhook_configs: [{ url: '${hookUrl}' }]
`;
}

beforeAll(async () => {
  hookServer = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as Hook);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
  dir = await tempDir('panoptes-alerting-');
  await mkdir(path.join(dir, 'data'));
  await writeFile(path.join(dir, 'rules.yml'), RULES);
  await writeFile(path.join(dir, 'panoptes.yml'), config('rules.yml'));
});

afterAll(async () => {
  await server?.stop();
  hookServer.close();
});

describe('rules to webhook on a real server', () => {
  it('evaluates rules, records, fires and delivers through the webhook plugin', async () => {
    server = await ServerProcess.start(['--config', path.join(dir, 'panoptes.yml'), '--data-dir', path.join(dir, 'data')], { cwd: dir });
    await server.waitReady();
    const hook = await until('a webhook', () => received[0]);
    expect(hook).toMatchObject({ status: 'firing', receiver: 'hook', groupLabels: { alertname: 'AlwaysFiring' } });
    expect(hook.alerts[0]).toMatchObject({ status: 'firing', labels: { alertname: 'AlwaysFiring', severity: 'page' }, annotations: { summary: 'value 1 in itest' } });

    const rules = await getJson('/api/v1/rules');
    expect(rules.status).toBe('success');
    const [recording, alerting] = rules.data.groups[0].rules;
    expect(recording).toMatchObject({ type: 'recording', name: 'panoptes_test:one', health: 'ok' });
    expect(alerting).toMatchObject({ type: 'alerting', name: 'AlwaysFiring', state: 'firing', health: 'ok' });
    expect(alerting.alerts[0].value).toBe('1e+00');

    const alerts = await getJson('/api/v1/alerts');
    expect(alerts.data.alerts).toEqual([expect.objectContaining({ state: 'firing', labels: { alertname: 'AlwaysFiring', severity: 'page' } })]);

    const v2 = await getJson('/api/v2/alerts');
    expect(v2).toEqual([expect.objectContaining({ fingerprint: hook.alerts[0]!.fingerprint, receivers: [{ name: 'hook' }], status: { state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] } })]);
    const groups = await getJson('/api/v2/alerts/groups');
    expect(groups[0]).toMatchObject({ labels: { alertname: 'AlwaysFiring' }, receiver: { name: 'hook' } });

    const recorded = await until('the recorded series', async () => {
      const r = await getJson('/api/v1/query?query=panoptes_test:one');
      return r.data?.result?.length > 0 ? r : undefined;
    });
    expect(recorded.data.result[0].value[1]).toBe('1');

    const history = await getJson(`/api/v1/alerts/history?fingerprint=${hook.alerts[0]!.fingerprint}`);
    const kinds = history.data.events.map((e: { kind: string; state?: string; outcome?: string; source?: string }) => e.state ?? e.outcome);
    expect(kinds).toContain('firing');
    expect(kinds).toContain('sent');
    const explain = await getJson(`/api/v1/alerts/explain?fingerprint=${hook.alerts[0]!.fingerprint}`);
    expect(explain.data.reasons.join('\n')).toMatch(/notified hook via webhook\/0 at .*repeats after repeat_interval/);
  });

  it('silences an alert through /api/v2/silences, and the silence survives a restart', async () => {
    const now = Date.now();
    const res = await fetch(`${server!.url}/api/v2/silences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        matchers: [{ name: 'alertname', value: 'AlwaysFiring', isRegex: false, isEqual: true }],
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 3600_000).toISOString(),
        createdBy: 'itest',
        comment: 'quiet please',
      }),
    });
    expect(res.status).toBe(200);
    const { silenceID } = (await res.json()) as { silenceID: string };
    const silenced = await until('the alert to be suppressed', async () => {
      const [a] = await getJson('/api/v2/alerts');
      return a?.status.state === 'suppressed' ? a : undefined;
    });
    expect(silenced.status.silencedBy).toEqual([silenceID]);

    await server!.stop();
    server = await ServerProcess.start(['--config', path.join(dir, 'panoptes.yml'), '--data-dir', path.join(dir, 'data')], { cwd: dir });
    await server.waitReady();
    const silences = await getJson('/api/v2/silences');
    expect(silences).toEqual([expect.objectContaining({ id: silenceID, status: { state: 'active' }, createdBy: 'itest', comment: 'quiet please' })]);
    const del = await fetch(`${server.url}/api/v2/silence/${silenceID}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect((await getJson(`/api/v2/silence/${silenceID}`)).status.state).toBe('expired');
  });

  it('refuses a reload with a bad rule file and keeps the old rules', async () => {
    await writeFile(path.join(dir, 'bad.yml'), 'groups:\n  - name: broken\n    rules:\n      - alert: X\n        expr: sum(\n');
    await writeFile(path.join(dir, 'panoptes.yml'), config('rules.yml, bad.yml'));
    const res = await fetch(`${server!.url}/-/reload`, { method: 'POST' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await res.text()).toMatch(/bad\.yml:5:15: group "broken", rule 1, "X": could not parse expression/);
    const rules = await getJson('/api/v1/rules');
    expect(rules.data.groups.map((g: { name: string }) => g.name)).toEqual(['always']);
  });

  it('refuses a reload with an inconsistent alerting section, then applies a good one', async () => {
    await writeFile(path.join(dir, 'panoptes.yml'), config('rules.yml').replace('receiver: hook\n    group_by', 'receiver: nobody\n    group_by'));
    const bad = await fetch(`${server!.url}/-/reload`, { method: 'POST' });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(await bad.text()).toContain('alerting.route.receiver: undefined receiver "nobody" used in route');
    expect((await getJson('/api/v2/receivers')).map((r: { name: string }) => r.name)).toEqual(['hook']);
    await writeFile(path.join(dir, 'panoptes.yml'), config('rules.yml').replace('- name: hook', '- name: other\n    - name: hook'));
    const good = await fetch(`${server!.url}/-/reload`, { method: 'POST' });
    expect(good.status).toBe(200);
    expect((await getJson('/api/v2/receivers')).map((r: { name: string }) => r.name)).toEqual(['other', 'hook']);
  });

  it('takes alerts from any client through POST /api/v2/alerts', async () => {
    const res = await fetch(`${server!.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'External', job: 'x' } }, { labels: {} }]),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('alert 1: at least one label pair required');
    const list = await getJson('/api/v2/alerts?filter=alertname%3D%22External%22');
    expect(list.map((a: { labels: Record<string, string> }) => a.labels)).toEqual([{ alertname: 'External', job: 'x' }]);
  });
});
