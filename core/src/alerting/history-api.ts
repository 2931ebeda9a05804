import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AlertPipeline } from './alert-pipeline.js';
import { gettableAlert } from './api-v2.js';
import type { AlertHistory, HistoryState } from './history.js';
import { compileMatcher, parseMatchers } from './matchers.js';
import { NotificationPipeline } from './notify-pipeline.js';

/**
 * The alert history API (Panoptes' own, documented in docs/alerting.md):
 *
 * GET /api/v1/alerts/history  events by time range, matchers, state, receiver, fingerprint, kind
 * GET /api/v1/alerts/explain  for one alert: why a notification was or was not sent
 *
 * Responses use the Prometheus envelope `{status, data}`.
 */

const STATES: readonly HistoryState[] = ['pending', 'firing', 'resolved', 'inactive', 'silenced', 'inhibited', 'unsuppressed'];

function time(v: unknown): number | undefined | 'bad' {
  if (v === undefined || v === '') return undefined;
  const s = String(v);
  const n = Number(s);
  if (Number.isFinite(n)) return Math.round(n * 1000);
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? 'bad' : ms;
}

function list(v: unknown): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

function bad(reply: FastifyReply, error: string): FastifyReply {
  return reply.code(400).send({ status: 'error', errorType: 'bad_data', error });
}

export function registerHistoryApi(app: FastifyInstance, deps: { pipeline(): AlertPipeline | undefined; history(): AlertHistory | undefined }): void {
  app.get('/api/v1/alerts/history', async (req, reply) => {
    const history = deps.history();
    if (!history) return reply.code(503).send({ status: 'error', errorType: 'unavailable', error: 'alerting is not ready' });
    const q = req.query as Record<string, unknown>;
    const start = time(q.start);
    const end = time(q.end);
    if (start === 'bad' || end === 'bad') return bad(reply, 'start and end must be Unix seconds or RFC 3339 times');
    if (q.state !== undefined && !STATES.includes(q.state as HistoryState)) return bad(reply, `state must be one of ${STATES.join(', ')}`);
    if (q.kind !== undefined && q.kind !== 'state' && q.kind !== 'notification') return bad(reply, 'kind must be state or notification');
    let matchers;
    try {
      matchers = [...list(q['match[]']), ...list(q.match)].flatMap((m) => parseMatchers(m).map(compileMatcher));
    } catch (err) {
      return bad(reply, (err as Error).message);
    }
    const limit = q.limit !== undefined ? Number(q.limit) : 1000;
    if (!Number.isInteger(limit) || limit < 0) return bad(reply, 'limit must be a non-negative integer');
    const events = await history.query({
      ...(start !== undefined && { start }),
      ...(end !== undefined && { end }),
      matchers,
      ...(q.state !== undefined && { state: q.state as HistoryState }),
      ...(q.receiver !== undefined && { receiver: String(q.receiver) }),
      ...(q.fingerprint !== undefined && { fingerprint: String(q.fingerprint) }),
      ...(q.kind !== undefined && { kind: q.kind as 'state' | 'notification' }),
      limit,
    });
    return reply.send({ status: 'success', data: { events: events.map((e) => ({ ...e, time: new Date(e.ts).toISOString() })) } });
  });

  app.get('/api/v1/alerts/explain', async (req, reply) => {
    const p = deps.pipeline();
    const history = deps.history();
    if (!p || !history) return reply.code(503).send({ status: 'error', errorType: 'unavailable', error: 'alerting is not ready' });
    const q = req.query as Record<string, unknown>;
    const fp = q.fingerprint !== undefined ? String(q.fingerprint) : undefined;
    if (!fp) return bad(reply, 'fingerprint is required (16 hex digits, as /api/v2/alerts lists it)');
    const events = await history.query({ fingerprint: fp, limit: 100_000 });
    const recent = events.slice(-50);
    const alert = p.store.get(fp);
    if (!alert) {
      return reply.send({ status: 'success', data: { fingerprint: fp, known: false, reasons: ['the pipeline holds no alert with this fingerprint now'], history: recent } });
    }
    const now = p.now();
    const reasons: string[] = [];
    const status = p.status(alert);
    for (const id of status.silencedBy) {
      const s = p.silences.get(id);
      reasons.push(`silenced by silence ${id}${s ? ` (by ${s.createdBy || 'unknown'}: ${JSON.stringify(s.comment)}, until ${new Date(s.endsAt).toISOString()})` : ''}`);
    }
    for (const src of status.inhibitedBy) {
      const s = p.store.get(src);
      reasons.push(`inhibited by firing alert ${src}${s ? ` ${JSON.stringify(s.labels)}` : ''}`);
    }
    for (const name of status.mutedBy) reasons.push(`muted by time interval ${name}`);
    const groups = p.groupsOf(fp).map((g) => {
      const receiver = p.config.receivers.get(g.route.opts.receiver);
      const integrations = (receiver?.notifiers ?? []).map((entry) => {
        const key = NotificationPipeline.logKey(g.key, g.route.opts.receiver, entry);
        const last = p.notifications.log.get(key);
        const failure = p.notifications.lastFailure.get(key);
        const integration = `${entry.type}/${entry.index}`;
        if (!g.hasFlushed) reasons.push(`waiting for group_wait of group ${g.key}: first notification due ${new Date(g.nextFlushAt).toISOString()}`);
        else if (failure) reasons.push(`last delivery to ${g.route.opts.receiver} via ${integration} failed at ${new Date(failure.ts).toISOString()}: ${failure.error}`);
        else if (last?.firing.includes(fp)) {
          reasons.push(
            `notified ${g.route.opts.receiver} via ${integration} at ${new Date(last.timestamp).toISOString()}; unchanged, so it repeats after repeat_interval (${new Date(last.timestamp + g.route.opts.repeatInterval).toISOString()})`,
          );
        } else reasons.push(`in group ${g.key}: next flush (group_interval) at ${new Date(g.nextFlushAt).toISOString()}`);
        return {
          integration,
          sendResolved: entry.sendResolved,
          lastNotification: last ? { time: new Date(last.timestamp).toISOString(), firing: last.firing.includes(fp), resolved: last.resolved.includes(fp) } : null,
          lastFailure: failure ? { time: new Date(failure.ts).toISOString(), error: failure.error } : null,
        };
      });
      if (integrations.length === 0) reasons.push(`receiver ${g.route.opts.receiver} has no notifiers: nothing is sent`);
      return {
        groupKey: g.key,
        receiver: g.route.opts.receiver,
        groupLabels: g.labels,
        groupWait: g.route.opts.groupWait / 1000,
        groupInterval: g.route.opts.groupInterval / 1000,
        repeatInterval: g.route.opts.repeatInterval / 1000,
        hasFlushed: g.hasFlushed,
        nextFlush: new Date(g.nextFlushAt).toISOString(),
        integrations,
      };
    });
    if (groups.length === 0) reasons.push(alert.endsAt <= now ? 'resolved and already notified (or never notified)' : 'in no aggregation group');
    return reply.send({ status: 'success', data: { fingerprint: fp, known: true, alert: gettableAlert(p, alert), reasons, groups, history: recent } });
  });
}
