import { readFile } from 'node:fs/promises';
import { definePlugin, parseDuration, type NotificationGroup } from '@panoptes/sdk';
import { deliver } from './deliver.js';
import { webhookMessage } from './payload.js';

/** Plugin-wide defaults for every webhook_configs entry. */
export interface NotifierWebhookConfig {
  readonly timeout: string;
  readonly max_retries: number;
  readonly retry_backoff: string;
  readonly max_retry_backoff: string;
}

/** One `webhook_configs` entry of an Alertmanager-style receiver. */
export interface WebhookConfig {
  readonly url?: string;
  readonly url_file?: string;
  readonly send_resolved: boolean;
  readonly max_alerts: number;
  readonly timeout?: string;
  readonly http_config?: {
    readonly basic_auth?: { readonly username?: string; readonly password?: string; readonly password_file?: string };
    readonly authorization?: { readonly type?: string; readonly credentials?: string; readonly credentials_file?: string };
    readonly bearer_token?: string;
    readonly bearer_token_file?: string;
  };
}

const secret = { type: 'string', writeOnly: true } as const;

/** JSON Schema of one webhook_configs entry, Alertmanager's <webhook_config> fields. */
export const webhookConfigSchema = {
  type: 'object',
  additionalProperties: false,
  // Each branch names its property so the host's strict JSON Schema compiler accepts it (strictRequired).
  anyOf: [{ required: ['url'], properties: { url: true } }, { required: ['url_file'], properties: { url_file: true } }],
  properties: {
    url: { type: 'string', format: 'http-url', writeOnly: true, description: 'Where to POST; may hold a token, so it is shown as <secret>.' },
    url_file: { type: 'string', minLength: 1, description: 'File holding the URL, read at each send.' },
    send_resolved: { type: 'boolean', default: true },
    max_alerts: { type: 'integer', minimum: 0, default: 0, description: 'Most alerts per message; 0 sends all.' },
    timeout: { type: 'string', format: 'duration', description: "Per attempt; the plugin's timeout when left out." },
    http_config: {
      type: 'object',
      additionalProperties: false,
      properties: {
        basic_auth: { type: 'object', additionalProperties: false, properties: { username: { type: 'string' }, password: secret, password_file: { type: 'string' } } },
        authorization: { type: 'object', additionalProperties: false, properties: { type: { type: 'string', default: 'Bearer' }, credentials: secret, credentials_file: { type: 'string' } } },
        bearer_token: secret,
        bearer_token_file: { type: 'string' },
      },
    },
  },
} as const;

async function fileText(file: string): Promise<string> {
  return (await readFile(file, 'utf8')).trim();
}

async function authHeader(h: WebhookConfig['http_config']): Promise<string | undefined> {
  if (!h) return undefined;
  if (h.basic_auth) {
    const password = h.basic_auth.password_file ? await fileText(h.basic_auth.password_file) : (h.basic_auth.password ?? '');
    return `Basic ${Buffer.from(`${h.basic_auth.username ?? ''}:${password}`).toString('base64')}`;
  }
  if (h.authorization) {
    const creds = h.authorization.credentials_file ? await fileText(h.authorization.credentials_file) : (h.authorization.credentials ?? '');
    return `${h.authorization.type ?? 'Bearer'} ${creds}`;
  }
  const token = h.bearer_token_file ? await fileText(h.bearer_token_file) : h.bearer_token;
  return token ? `Bearer ${token}` : undefined;
}

/**
 * Sends notification groups as Alertmanager's webhook does (payload
 * version 4), so existing webhook receivers work unchanged. Serves
 * `webhook_configs` in alerting receivers.
 */
export default definePlugin<NotifierWebhookConfig>({
  id: 'notifier-webhook',
  version: '1.0.0',
  sdk: '^1.0.0',
  kinds: ['notifier'],
  description: 'Alertmanager-compatible webhook notifications (payload version 4) with timeout and retries with backoff.',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      timeout: { type: 'string', format: 'duration', default: '10s', description: 'Per attempt, unless a webhook_configs entry sets its own.' },
      max_retries: { type: 'integer', minimum: 0, maximum: 20, default: 3, description: 'Retries after a failed attempt (network error, 5xx or 429).' },
      retry_backoff: { type: 'string', format: 'duration', default: '500ms', description: 'Delay before the first retry; doubles each time.' },
      max_retry_backoff: { type: 'string', format: 'duration', default: '30s', description: 'Longest delay between retries.' },
    },
  },
  start(ctx) {
    const sent = ctx.metrics.counter({ name: 'notifier_webhook_notifications_total', help: 'Webhook notifications by result.', labelNames: ['result'] });
    const failedAttempts = ctx.metrics.counter({ name: 'notifier_webhook_failed_attempts_total', help: 'Webhook POST attempts that failed (each retry counts).' });
    ctx.notifiers.register<WebhookConfig>({
      type: 'webhook',
      configSchema: webhookConfigSchema,
      async notify(group: NotificationGroup, config, { signal }) {
        const message = webhookMessage(group, { sendResolved: config.send_resolved, maxAlerts: config.max_alerts });
        if (!message) return;
        const url = config.url ?? (await fileText(config.url_file!));
        const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': `Panoptes/${ctx.host.serverVersion}` };
        const auth = await authHeader(config.http_config);
        if (auth) headers.authorization = auth;
        try {
          await deliver({
            url,
            body: JSON.stringify(message),
            headers,
            timeoutMs: parseDuration(config.timeout ?? ctx.config.timeout),
            maxRetries: ctx.config.max_retries,
            backoffMs: parseDuration(ctx.config.retry_backoff),
            maxBackoffMs: parseDuration(ctx.config.max_retry_backoff),
            signal: AbortSignal.any([signal, ctx.signal]),
            onAttemptFailed: (n, reason) => {
              failedAttempts.inc();
              ctx.logger.warn('webhook attempt failed', { receiver: group.receiver, attempt: n, reason });
            },
          });
          sent.inc({ result: 'success' });
        } catch (err) {
          sent.inc({ result: 'failure' });
          throw err;
        }
      },
    });
  },
});

export { webhookMessage, quoteMeta, type WebhookMessage } from './payload.js';
export { deliver, classifyStatus, DeliveryError } from './deliver.js';
