import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkPluginConformance, createTestHarness, exampleNotificationGroup } from '@panoptes/sdk/testing';
import plugin from './index.js';
import { quoteMeta, webhookMessage } from './payload.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

describe('notifier-webhook', () => {
  let server: Server;
  let url: string;
  let received: Received[] = [];
  /** Status codes to answer, in order; 200 once exhausted. 0 = never answer. */
  let script: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(data) as Record<string, unknown> });
        const code = script.shift() ?? 200;
        if (code !== 0) res.writeHead(code).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    received = [];
    script = [];
  });

  const harness = async (config: Record<string, unknown> = {}) => {
    const h = createTestHarness(plugin, { config: { retry_backoff: '1ms', max_retry_backoff: '5ms', ...config } });
    await h.start();
    return h;
  };

  it('posts an Alertmanager version 4 payload', async () => {
    const h = await harness();
    const group = exampleNotificationGroup({ receiver: 'ops.pager' });
    await h.notify('webhook', group, { url });
    expect(received).toHaveLength(1);
    const body = received[0]!.body;
    expect(body).toEqual({
      version: '4',
      groupKey: group.groupKey,
      truncatedAlerts: 0,
      status: 'firing',
      receiver: 'ops\\.pager',
      groupLabels: group.groupLabels,
      commonLabels: group.commonLabels,
      commonAnnotations: group.commonAnnotations,
      externalURL: group.externalURL,
      alerts: group.alerts,
    });
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(received[0]!.headers['user-agent']).toBe('Panoptes/test');
    expect(h.metrics.value('notifier_webhook_notifications_total', { result: 'success' })).toBe(1);
  });

  it('retries 5xx and 429 with backoff, then succeeds', async () => {
    const h = await harness();
    script = [503, 429, 200];
    await h.notify('webhook', exampleNotificationGroup(), { url });
    expect(received).toHaveLength(3);
    expect(h.metrics.value('notifier_webhook_failed_attempts_total')).toBe(2);
  });

  it('does not retry other 4xx', async () => {
    const h = await harness();
    script = [400];
    await expect(h.notify('webhook', exampleNotificationGroup(), { url })).rejects.toMatchObject({ code: 'PNP_WEBHOOK_DELIVERY', attempts: 1 });
    expect(received).toHaveLength(1);
  });

  it('gives up after max_retries, and times out a receiver that does not answer', async () => {
    const h = await harness({ max_retries: 2 });
    script = [0, 500, 500];
    const err = await h.notify('webhook', exampleNotificationGroup(), { url, timeout: '200ms' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ attempts: 3 });
    expect((err as Error).message).toMatch(/HTTP 500 \(gave up after 3 attempts\)/);
    expect(h.logs.some((l) => l.message === 'webhook attempt failed' && String(l.fields?.reason).includes('no answer within 200 ms'))).toBe(true);
  });

  it('sends basic auth and bearer credentials', async () => {
    const h = await harness();
    await h.notify('webhook', exampleNotificationGroup(), { url, http_config: { basic_auth: { username: 'u', password: 'p' } } });
    await h.notify('webhook', exampleNotificationGroup(), { url, http_config: { authorization: { credentials: 'tok' } } });
    expect(received.map((r) => r.headers.authorization)).toEqual([`Basic ${Buffer.from('u:p').toString('base64')}`, 'Bearer tok']);
  });

  it('drops resolved alerts unless send_resolved, and truncates to max_alerts', () => {
    const base = exampleNotificationGroup();
    const a = base.alerts[0]!;
    const group = exampleNotificationGroup({ alerts: [a, { ...a, fingerprint: 'b', status: 'resolved' }, { ...a, fingerprint: 'c' }] });
    expect(webhookMessage(group, { sendResolved: false, maxAlerts: 0 })?.alerts.map((x) => x.fingerprint)).toEqual([a.fingerprint, 'c']);
    expect(webhookMessage(group, { sendResolved: true, maxAlerts: 2 })).toMatchObject({ truncatedAlerts: 1 });
    const resolved = exampleNotificationGroup({ status: 'resolved', alerts: [{ ...a, status: 'resolved' }] });
    expect(webhookMessage(resolved, { sendResolved: false, maxAlerts: 0 })).toBeUndefined();
    expect(webhookMessage(resolved, { sendResolved: true, maxAlerts: 0 })?.status).toBe('resolved');
  });

  it('passes the SDK conformance check', async () => {
    expect(await checkPluginConformance(plugin)).toEqual([]);
  });

  it('escapes receiver names like Go regexp.QuoteMeta', () => {
    expect(quoteMeta('a.b+c*(d)|[e]{f}^$\\')).toBe('a\\.b\\+c\\*\\(d\\)\\|\\[e\\]\\{f\\}\\^\\$\\\\');
  });
});
