import { fingerprint } from '../alerting/fingerprint.js';
import { RulesError } from './errors.js';
import type { AlertingRuleSpec } from './rule-types.js';
import { expandAlertTemplate, type AlertTemplateData, type ExpandOptions } from './template/index.js';
import type { AlertState, OutgoingAlert, OutputSample, QueryFunc, RuleHealth } from './types.js';

/** How long a resolved alert is kept and re-sent (Prometheus' resolvedRetention). */
export const RESOLVED_RETENTION_MS = 15 * 60_000;

/** One alert instance of a rule. Times in ms; 0 means unset. */
export interface ActiveAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: AlertState;
  value: number;
  activeAt: number;
  firedAt: number;
  resolvedAt: number;
  lastSentAt: number;
  validUntil: number;
  keepFiringSince: number;
}

export interface EvalContext {
  /** Evaluation time, ms. */
  readonly ts: number;
  /** Query and output time offset, ms. */
  readonly queryOffset: number;
  readonly limit: number;
  readonly query: QueryFunc;
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly externalURL: string;
  /** Labels of the group, under the rule's own. */
  readonly groupLabels: Readonly<Record<string, string>>;
  /** false until for-state has been restored; ALERTS series are not written before, as in Prometheus. */
  readonly restored: boolean;
}

/**
 * An alerting rule and its alert instances: pending → firing → inactive
 * (resolved), with `for` and `keep_firing_for`, following Prometheus'
 * AlertingRule.Eval. Pure apart from the injected query function.
 */
export class AlertingRule {
  readonly active = new Map<string, ActiveAlert>();
  health: RuleHealth = 'unknown';
  lastError = '';
  lastEvaluation = 0;
  evaluationMs = 0;

  constructor(readonly spec: AlertingRuleSpec) {}

  get name(): string {
    return this.spec.name;
  }

  /** The rule's state: the most severe of its alerts. */
  state(): AlertState {
    let s: AlertState = 'inactive';
    for (const a of this.active.values()) {
      if (a.state === 'firing') return 'firing';
      if (a.state === 'pending') s = 'pending';
    }
    return s;
  }

  /** Evaluates once; returns the ALERTS and ALERTS_FOR_STATE samples to write. Throws on query errors, duplicates and limit. */
  async eval(ctx: EvalContext): Promise<OutputSample[]> {
    const { ts } = ctx;
    const vector = await ctx.query(this.spec.expr, ts - ctx.queryOffset);
    const fresh = new Map<string, ActiveAlert>();
    const templateQuery = async (expr: string) =>
      (await ctx.query(expr, ts - ctx.queryOffset)).map((s) => ({ Labels: s.labels, Value: s.value }));
    const expandOptions = { now: ts, query: templateQuery };
    for (const sample of vector) {
      const data = { labels: sample.labels, value: sample.value, externalLabels: ctx.externalLabels, externalURL: ctx.externalURL };
      const labels: Record<string, string> = { ...sample.labels };
      delete labels.__name__;
      for (const [k, v] of Object.entries(ctx.groupLabels)) labels[k] = v;
      const name = `__alert_${this.spec.name}`;
      const expandedLabels = expandAll(this.spec.labels, name, data, expandOptions);
      for (const [k, v] of Array.isArray(expandedLabels) ? expandedLabels : await expandedLabels) labels[k] = v;
      labels.alertname = this.spec.name;
      for (const k of Object.keys(labels)) if (labels[k] === '') delete labels[k];
      const expandedAnnotations = expandAll(this.spec.annotations, name, data, expandOptions);
      const annotations = Object.fromEntries(Array.isArray(expandedAnnotations) ? expandedAnnotations : await expandedAnnotations);
      const fp = fingerprint(labels);
      if (fresh.has(fp)) {
        throw new RulesError('PNP_RULES_EVAL', 'vector contains metrics with the same labelset after applying alert labels');
      }
      fresh.set(fp, emptyAlert(labels, annotations, ts, sample.value));
    }

    for (const [fp, a] of fresh) {
      const existing = this.active.get(fp);
      if (existing && existing.state !== 'inactive') {
        existing.value = a.value;
        existing.annotations = a.annotations;
        continue;
      }
      this.active.set(fp, a);
    }

    const out: OutputSample[] = [];
    const at = ts - ctx.queryOffset;
    let activeOrPending = 0;
    for (const [fp, a] of this.active) {
      if (!fresh.has(fp)) {
        let keepFiring = false;
        if (a.state === 'firing' && this.spec.keepFiringFor > 0) {
          if (a.keepFiringSince === 0) a.keepFiringSince = ts;
          if (ts - a.keepFiringSince < this.spec.keepFiringFor) keepFiring = true;
        }
        // A resolved alert is kept (and re-sent) for the retention period, then dropped; a pending one at once.
        if (a.state === 'pending' || (a.resolvedAt !== 0 && ts - a.resolvedAt > RESOLVED_RETENTION_MS)) this.active.delete(fp);
        if (a.state !== 'inactive' && !keepFiring) {
          a.state = 'inactive';
          a.resolvedAt = ts;
        }
        if (!keepFiring) continue;
      } else {
        a.keepFiringSince = 0;
      }
      activeOrPending++;
      if (a.state === 'pending' && ts - a.activeAt >= this.spec.for) {
        a.state = 'firing';
        a.firedAt = ts;
      }
      if (ctx.restored) {
        out.push({ labels: { ...a.labels, __name__: 'ALERTS', alertstate: a.state }, t: at, v: 1 });
        out.push({ labels: { ...a.labels, __name__: 'ALERTS_FOR_STATE' }, t: at, v: Math.floor(a.activeAt / 1000) });
      }
    }
    if (ctx.limit > 0 && activeOrPending > ctx.limit) {
      this.active.clear();
      throw new RulesError('PNP_RULES_LIMIT', `exceeded limit of ${ctx.limit} with ${activeOrPending} alerts`);
    }
    return out;
  }

  /**
   * Alerts due to be sent at `ts` (firing ones past the resend delay, resolved
   * ones not yet sent since resolving), marking them sent. Pending alerts are
   * never sent.
   */
  alertsToSend(ts: number, resendDelay: number, interval: number, generatorURL: string): OutgoingAlert[] {
    const out: OutgoingAlert[] = [];
    for (const a of this.active.values()) {
      if (a.state === 'pending') continue;
      const due = a.resolvedAt > a.lastSentAt || a.lastSentAt + resendDelay < ts;
      if (!due) continue;
      a.lastSentAt = ts;
      // Allow for two missed evaluations or failed sends before the pipeline times the alert out.
      a.validUntil = ts + 4 * Math.max(resendDelay, interval);
      out.push({
        labels: { ...a.labels },
        annotations: { ...a.annotations },
        startsAt: a.firedAt,
        endsAt: a.resolvedAt !== 0 ? a.resolvedAt : a.validUntil,
        generatorURL,
      });
    }
    return out;
  }
}

/** Expands every template of a map; stays synchronous unless a template queried. */
function expandAll(
  templates: Readonly<Record<string, string>>,
  name: string,
  data: AlertTemplateData,
  opts: ExpandOptions,
): [string, string][] | Promise<[string, string][]> {
  const entries = Object.entries(templates);
  const values = entries.map(([, text]) => expandAlertTemplate(name, text, data, opts));
  if (values.every((v) => typeof v === 'string')) return entries.map(([k], i) => [k, values[i] as string]);
  return Promise.all(values).then((vs) => entries.map(([k], i) => [k, vs[i]!]));
}

function emptyAlert(labels: Record<string, string>, annotations: Record<string, string>, ts: number, value: number): ActiveAlert {
  return { labels, annotations, state: 'pending', value, activeAt: ts, firedAt: 0, resolvedAt: 0, lastSentAt: 0, validUntil: 0, keepFiringSince: 0 };
}
