import type { FastifyInstance, FastifyReply } from 'fastify';
import { AlertingRule } from './alerting-rule.js';
import type { RuleGroup } from './group.js';
import { formatE } from './template/index.js';

/**
 * /api/v1/rules and /api/v1/alerts in Prometheus' shape (web/api/v1/api.go
 * RuleGroup, AlertingRule, RecordingRule, Alert).
 */

/** Go's RFC3339Nano: trailing zeros of the fraction dropped; the zero time for unset. */
export function rfc3339(ms: number): string {
  if (ms === 0) return '0001-01-01T00:00:00Z';
  return new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z').replace(/\.Z$/, 'Z');
}

function alertJson(a: AlertingRule['active'] extends Map<string, infer A> ? A : never) {
  return {
    labels: a.labels,
    annotations: a.annotations,
    state: a.state,
    activeAt: rfc3339(a.activeAt),
    ...(a.keepFiringSince !== 0 && { keepFiringSince: rfc3339(a.keepFiringSince) }),
    value: formatE(a.value),
  };
}

function ruleJson(r: RuleGroup['rules'][number], excludeAlerts: boolean) {
  const common = {
    name: r.name,
    query: r.spec.expr,
    labels: r.spec.labels,
    health: r.health,
    ...(r.lastError !== '' && { lastError: r.lastError }),
    evaluationTime: r.evaluationMs / 1000,
    lastEvaluation: rfc3339(r.lastEvaluation),
  };
  if (!(r instanceof AlertingRule)) return { ...common, type: 'recording' };
  const alerts = [...r.active.values()].filter((a) => a.state !== 'inactive');
  return {
    state: r.state(),
    name: r.name,
    query: r.spec.expr,
    duration: r.spec.for / 1000,
    keepFiringFor: r.spec.keepFiringFor / 1000,
    labels: r.spec.labels,
    annotations: r.spec.annotations,
    ...(!excludeAlerts && { alerts: alerts.map(alertJson) }),
    health: r.health,
    ...(r.lastError !== '' && { lastError: r.lastError }),
    evaluationTime: r.evaluationMs / 1000,
    lastEvaluation: rfc3339(r.lastEvaluation),
    type: 'alerting',
  };
}

function list(q: Record<string, unknown>, name: string): string[] {
  const v = q[`${name}[]`] ?? q[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v.map(String) : [String(v)];
}

function success(reply: FastifyReply, data: unknown): FastifyReply {
  return reply.type('application/json').send({ status: 'success', data });
}

export function registerRulesApi(app: FastifyInstance, groups: () => readonly RuleGroup[]): void {
  app.get('/api/v1/rules', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const type = q.type;
    if (type !== undefined && type !== 'alert' && type !== 'record') {
      return reply.code(400).send({ status: 'error', errorType: 'bad_data', error: `invalid query parameter type='${String(type)}'` });
    }
    const names = new Set(list(q, 'rule_name'));
    const groupNames = new Set(list(q, 'rule_group'));
    const files = new Set(list(q, 'file'));
    const excludeAlerts = q.exclude_alerts === 'true';
    const out = [];
    for (const g of groups()) {
      if (groupNames.size > 0 && !groupNames.has(g.spec.name)) continue;
      if (files.size > 0 && !files.has(g.spec.file)) continue;
      const rules = g.rules
        .filter((r) => (type === 'alert' ? r instanceof AlertingRule : type === 'record' ? !(r instanceof AlertingRule) : true))
        .filter((r) => names.size === 0 || names.has(r.name))
        .map((r) => ruleJson(r, excludeAlerts));
      if ((names.size > 0 || type !== undefined) && rules.length === 0) continue;
      out.push({
        name: g.spec.name,
        file: g.spec.file,
        rules,
        interval: g.interval / 1000,
        limit: g.spec.limit,
        evaluationTime: g.evaluationMs / 1000,
        lastEvaluation: rfc3339(g.lastEvaluation),
      });
    }
    return success(reply, { groups: out });
  });

  app.get('/api/v1/alerts', async (_req, reply) => {
    const alerts = [];
    for (const g of groups()) {
      for (const r of g.rules) {
        if (!(r instanceof AlertingRule)) continue;
        for (const a of r.active.values()) if (a.state !== 'inactive') alerts.push(alertJson(a));
      }
    }
    return success(reply, { alerts });
  });
}
