import type { FastifyInstance, FastifyReply } from 'fastify';
import { isResolved, type Alert, type IncomingAlert } from './alerts.js';
import type { AlertPipeline } from './alert-pipeline.js';
import { compileMatcher, matchesAll, parseMatchers, type CompiledMatcher } from './matchers.js';
import { silenceState, type Silence, type SilenceMatcher } from './silences.js';

/**
 * Alertmanager API v2 (api/v2/openapi.yaml): alerts, alert groups,
 * silences, receivers and status, so Prometheus, amtool, Grafana and any
 * Alertmanager client work against Panoptes.
 */

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function queryList(v: unknown): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

function bool(v: unknown, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  return String(v) !== 'false';
}

function badRequest(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(400).type('application/json').send(JSON.stringify(message));
}

function filterMatchers(q: Record<string, unknown>): CompiledMatcher[] {
  return queryList(q.filter).flatMap((f) => parseMatchers(f).map(compileMatcher));
}

export function gettableAlert(p: AlertPipeline, a: Alert) {
  const status = p.status(a);
  return {
    labels: a.labels,
    annotations: a.annotations,
    startsAt: iso(a.startsAt),
    endsAt: iso(a.endsAt),
    updatedAt: iso(a.updatedAt),
    generatorURL: a.generatorURL,
    fingerprint: a.fingerprint,
    receivers: status.receivers.map((name) => ({ name })),
    status: { state: status.state, silencedBy: status.silencedBy, inhibitedBy: status.inhibitedBy, mutedBy: status.mutedBy },
  };
}

function gettableSilence(s: Silence, now: number) {
  return {
    id: s.id,
    status: { state: silenceState(s, now) },
    updatedAt: iso(s.updatedAt),
    matchers: s.matchers,
    startsAt: iso(s.startsAt),
    endsAt: iso(s.endsAt),
    createdBy: s.createdBy,
    comment: s.comment,
  };
}

function parseTime(v: unknown, field: string, errors: string[]): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) {
    errors.push(`${field}: ${JSON.stringify(v)} is not an RFC 3339 time`);
    return undefined;
  }
  return ms;
}

/** Validates one postableAlert; returns it or the reasons it is refused. */
export function parsePostableAlert(raw: unknown, index: number): IncomingAlert | string {
  const where = `alert ${index}`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return `${where}: must be an object`;
  const r = raw as Record<string, unknown>;
  const errors: string[] = [];
  const labels: Record<string, string> = {};
  if (r.labels === null || typeof r.labels !== 'object' || Array.isArray(r.labels)) errors.push('labels: required object');
  else {
    for (const [k, v] of Object.entries(r.labels as Record<string, unknown>)) {
      if (typeof v !== 'string') errors.push(`label ${JSON.stringify(k)}: value must be a string`);
      else if (v !== '') labels[k] = v;
      if (!LABEL_NAME.test(k)) errors.push(`invalid label name ${JSON.stringify(k)}`);
    }
    if (Object.keys(labels).length === 0 && errors.length === 0) errors.push('at least one label pair required');
  }
  const annotations: Record<string, string> = {};
  if (r.annotations !== undefined && r.annotations !== null) {
    if (typeof r.annotations !== 'object' || Array.isArray(r.annotations)) errors.push('annotations: must be an object');
    else for (const [k, v] of Object.entries(r.annotations as Record<string, unknown>)) annotations[k] = String(v);
  }
  const startsAt = parseTime(r.startsAt, 'startsAt', errors);
  const endsAt = parseTime(r.endsAt, 'endsAt', errors);
  if (startsAt !== undefined && endsAt !== undefined && endsAt < startsAt) errors.push('start time must be before end time');
  if (errors.length > 0) return `${where}: ${errors.join('; ')}`;
  return {
    labels,
    annotations,
    ...(startsAt !== undefined && { startsAt }),
    ...(endsAt !== undefined && { endsAt }),
    ...(typeof r.generatorURL === 'string' && { generatorURL: r.generatorURL }),
  };
}

function parseSilenceMatchers(raw: unknown): SilenceMatcher[] | string {
  if (!Array.isArray(raw)) return 'matchers: required list';
  const out: SilenceMatcher[] = [];
  for (const m of raw as Record<string, unknown>[]) {
    if (!m || typeof m.name !== 'string' || typeof m.value !== 'string' || typeof m.isRegex !== 'boolean') {
      return 'each matcher needs name, value (strings) and isRegex (boolean)';
    }
    out.push({ name: m.name, value: m.value, isRegex: m.isRegex, isEqual: typeof m.isEqual === 'boolean' ? m.isEqual : true });
  }
  return out;
}

export interface V2Info {
  readonly configYaml: () => string;
  readonly startTime: number;
  readonly version: Readonly<Record<string, string>>;
}

export function registerAlertmanagerApi(app: FastifyInstance, pipeline: () => AlertPipeline | undefined, info: V2Info): void {
  const withPipeline = (reply: FastifyReply): AlertPipeline | undefined => {
    const p = pipeline();
    if (!p) void reply.code(503).send(JSON.stringify('alerting is not ready'));
    return p;
  };

  const selectAlerts = (p: AlertPipeline, q: Record<string, unknown>, now: number): Alert[] | string => {
    let matchers: CompiledMatcher[];
    try {
      matchers = filterMatchers(q);
    } catch (err) {
      return (err as Error).message;
    }
    let receiverRe: RegExp | undefined;
    try {
      receiverRe = q.receiver !== undefined ? new RegExp(`^(?:${String(q.receiver)})$`) : undefined;
    } catch {
      return `invalid receiver regex ${JSON.stringify(q.receiver)}`;
    }
    const active = bool(q.active, true);
    const silenced = bool(q.silenced, true);
    const inhibited = bool(q.inhibited, true);
    const muted = bool(q.muted, true);
    return p.store.list().filter((a) => {
      if (isResolved(a, now) || !matchesAll(matchers, a.labels)) return false;
      const s = p.status(a);
      if (receiverRe && !s.receivers.some((r) => receiverRe.test(r))) return false;
      if (s.state === 'active') return active;
      if (!silenced && s.silencedBy.length > 0) return false;
      if (!inhibited && s.inhibitedBy.length > 0) return false;
      if (!muted && s.mutedBy.length > 0) return false;
      return true;
    });
  };

  app.get('/api/v2/alerts', async (req, reply) => {
    const p = withPipeline(reply);
    if (!p) return reply;
    const now = p.now();
    const alerts = selectAlerts(p, req.query as Record<string, unknown>, now);
    if (typeof alerts === 'string') return badRequest(reply, alerts);
    return reply.send(alerts.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1)).map((a) => gettableAlert(p, a)));
  });

  app.post('/api/v2/alerts', async (req, reply) => {
    const p = withPipeline(reply);
    if (!p) return reply;
    if (!Array.isArray(req.body)) return badRequest(reply, 'body must be a JSON list of alerts');
    const valid: IncomingAlert[] = [];
    const errors: string[] = [];
    (req.body as unknown[]).forEach((raw, i) => {
      const parsed = parsePostableAlert(raw, i);
      if (typeof parsed === 'string') errors.push(parsed);
      else valid.push(parsed);
    });
    // Valid alerts are kept even when others in the batch are refused, as Alertmanager does.
    p.receive(valid);
    if (errors.length > 0) return badRequest(reply, errors.join('; '));
    return reply.code(200).send();
  });

  app.get('/api/v2/alerts/groups', async (req, reply) => {
    const p = withPipeline(reply);
    if (!p) return reply;
    const now = p.now();
    const selected = selectAlerts(p, req.query as Record<string, unknown>, now);
    if (typeof selected === 'string') return badRequest(reply, selected);
    const keep = new Set(selected.map((a) => a.fingerprint));
    const groups = p
      .groups()
      .map((g) => ({
        labels: g.labels,
        receiver: { name: g.route.opts.receiver },
        alerts: [...g.alerts.values()].filter((a) => keep.has(a.fingerprint)).map((a) => gettableAlert(p, a)),
      }))
      .filter((g) => g.alerts.length > 0);
    return reply.send(groups);
  });

  app.get('/api/v2/silences', async (req, reply) => {
    const p = withPipeline(reply);
    if (!p) return reply;
    const now = p.now();
    let matchers: CompiledMatcher[];
    try {
      matchers = filterMatchers(req.query as Record<string, unknown>);
    } catch (err) {
      return badRequest(reply, (err as Error).message);
    }
    // A filter selects silences whose own matchers include every filter matcher (as amtool shows them).
    const list = p.silences.list().filter((s) =>
      matchers.every((f) => s.matchers.some((m) => m.name === f.name && m.value === f.value && (m.isRegex ? f.type.endsWith('~') : !f.type.endsWith('~')))),
    );
    const order = { active: 0, pending: 1, expired: 2 } as const;
    list.sort((a, b) => {
      const sa = silenceState(a, now);
      const sb = silenceState(b, now);
      if (sa !== sb) return order[sa] - order[sb];
      if (sa === 'pending') return a.startsAt - b.startsAt;
      return sa === 'expired' ? b.endsAt - a.endsAt : a.endsAt - b.endsAt;
    });
    return reply.send(list.map((s) => gettableSilence(s, now)));
  });

  app.post('/api/v2/silences', async (req, reply) => {
    const p = withPipeline(reply);
    if (!p) return reply;
    const body = req.body as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') return badRequest(reply, 'body must be a silence object');
    const matchers = parseSilenceMatchers(body.matchers);
    if (typeof matchers === 'string') return badRequest(reply, matchers);
    const errors: string[] = [];
    const startsAt = parseTime(body.startsAt, 'startsAt', errors);
    const endsAt = parseTime(body.endsAt, 'endsAt', errors);
    if (startsAt === undefined || endsAt === undefined) errors.push('startsAt and endsAt are required');
    if (errors.length > 0) return badRequest(reply, errors.join('; '));
    try {
      const silenceID = await p.silences.set({
        ...(typeof body.id === 'string' && body.id !== '' && { id: body.id }),
        matchers,
        startsAt: startsAt!,
        endsAt: endsAt!,
        createdBy: String(body.createdBy ?? ''),
        comment: String(body.comment ?? ''),
      });
      return reply.send({ silenceID });
    } catch (err) {
      const code = (err as { code?: string }).code;
      return reply.code(code === 'PNP_ALERTING_SILENCE_NOT_FOUND' ? 404 : 400).send(JSON.stringify((err as Error).message));
    }
  });

  app.get('/api/v2/silence/:id', async (req, reply) => {
    const p = withPipeline(reply);
    if (!p) return reply;
    const s = p.silences.get((req.params as { id: string }).id);
    if (!s) return reply.code(404).send(JSON.stringify('silence not found'));
    return reply.send(gettableSilence(s, p.now()));
  });

  app.delete('/api/v2/silence/:id', async (req, reply) => {
    const p = withPipeline(reply);
    if (!p) return reply;
    const id = (req.params as { id: string }).id;
    if (!p.silences.get(id)) return reply.code(404).send(JSON.stringify('silence not found'));
    try {
      await p.silences.expire(id);
    } catch (err) {
      return badRequest(reply, (err as Error).message);
    }
    return reply.code(200).send();
  });

  app.get('/api/v2/receivers', async (_req, reply) => {
    const p = withPipeline(reply);
    if (!p) return reply;
    return reply.send([...p.config.receivers.keys()].map((name) => ({ name })));
  });

  app.get('/api/v2/status', async (_req, reply) => {
    return reply.send({
      cluster: { status: 'disabled', peers: [] },
      versionInfo: {
        version: info.version.version ?? '',
        revision: info.version.revision ?? '',
        branch: info.version.branch ?? '',
        buildUser: info.version.buildUser ?? '',
        buildDate: info.version.buildDate ?? '',
        goVersion: info.version.goVersion ?? '',
      },
      config: { original: info.configYaml() },
      uptime: iso(info.startTime),
    });
  });
}
