import { labelsKey } from '../alerting/fingerprint.js';
import { AlertingRule, type ActiveAlert } from './alerting-rule.js';
import { RecordingRule } from './recording-rule.js';
import type { RuleGroupSpec } from './rule-types.js';
import { STALE_NAN } from './stale.js';
import type { AlertState, NotifyFunc, OutputSample, QueryFunc, WriteFunc } from './types.js';

export type Rule = AlertingRule | RecordingRule;

/** An alert instance changed state during an evaluation. */
export interface AlertTransition {
  readonly group: string;
  readonly file: string;
  readonly rule: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly from: AlertState;
  readonly to: AlertState;
  readonly value: number;
  /** ms */
  readonly at: number;
}

export interface GroupDeps {
  readonly query: QueryFunc;
  readonly write: WriteFunc;
  readonly notify: NotifyFunc;
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly externalURL: string;
  /** Resend firing alerts at least this often, ms (Prometheus' --rules.alert.resend-delay, 1m). */
  readonly resendDelay: number;
  readonly onTransition?: (t: AlertTransition) => void;
  readonly onError?: (rule: Rule, err: Error) => void;
}

/**
 * A rule group: its rules run one after another with the same timestamp.
 * Output series that disappear since the previous evaluation get a stale
 * marker, as Prometheus writes them, so queries stop seeing them at once.
 */
export class RuleGroup {
  readonly rules: Rule[];
  lastEvaluation = 0;
  evaluationMs = 0;
  /** false until for-state is restored; ALERTS series are written only after. */
  restored = false;
  private previousSeries: Map<string, Readonly<Record<string, string>>>[];

  constructor(
    readonly spec: RuleGroupSpec,
    /** Resolved interval, ms. */
    readonly interval: number,
  ) {
    this.rules = spec.rules.map((r) => (r.kind === 'alerting' ? new AlertingRule(r) : new RecordingRule(r)));
    this.previousSeries = this.rules.map(() => new Map());
  }

  get key(): string {
    return `${this.spec.file};${this.spec.name}`;
  }

  get queryOffset(): number {
    return this.spec.queryOffset ?? 0;
  }

  /**
   * Evaluates every rule at `ts` (ms), writes the output, sends due alerts.
   * Each rule's output is written before the next rule runs, so a rule may
   * use what an earlier rule of the group recorded at the same timestamp, as
   * in Prometheus. Never throws for rule failures.
   */
  async eval(ts: number, deps: GroupDeps): Promise<void> {
    const started = performance.now();
    const toSend = [];
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i]!;
      const ruleStart = performance.now();
      const before = rule instanceof AlertingRule ? snapshot(rule.active) : undefined;
      const output: OutputSample[] = [];
      try {
        const samples =
          rule instanceof AlertingRule
            ? await rule.eval({
                ts,
                queryOffset: this.queryOffset,
                limit: this.spec.limit,
                query: deps.query,
                externalLabels: deps.externalLabels,
                externalURL: deps.externalURL,
                groupLabels: this.spec.labels,
                restored: this.restored,
              })
            : await rule.eval(ts, this.queryOffset, this.spec.limit, deps.query, this.spec.labels);
        rule.health = 'ok';
        rule.lastError = '';
        const current = new Map<string, Readonly<Record<string, string>>>();
        for (const s of samples) current.set(labelsKey(s.labels), s.labels);
        for (const [key, labels] of this.previousSeries[i]!) {
          if (!current.has(key)) output.push({ labels, t: ts - this.queryOffset, v: STALE_NAN });
        }
        this.previousSeries[i] = current;
        output.push(...samples);
      } catch (err) {
        rule.health = 'err';
        rule.lastError = (err as Error).message;
        deps.onError?.(rule, err as Error);
      }
      if (output.length > 0) {
        try {
          await deps.write(output);
        } catch (err) {
          rule.health = 'err';
          rule.lastError = `write rule output: ${(err as Error).message}`;
          deps.onError?.(rule, err as Error);
        }
      }
      if (rule instanceof AlertingRule) {
        if (before && deps.onTransition) this.reportTransitions(rule, before, ts, deps.onTransition);
        toSend.push(...rule.alertsToSend(ts, deps.resendDelay, this.interval, generatorURL(deps.externalURL, rule.spec.expr)));
      }
      rule.lastEvaluation = ts;
      rule.evaluationMs = performance.now() - ruleStart;
    }
    if (toSend.length > 0) await deps.notify(toSend);
    this.lastEvaluation = ts;
    this.evaluationMs = performance.now() - started;
  }

  /** Carries alert state and previous-series bookkeeping over from the group this one replaces (same file and name). */
  copyStateFrom(old: RuleGroup): void {
    const byKey = new Map<string, number>();
    old.rules.forEach((r, i) => byKey.set(ruleKey(r), i));
    this.rules.forEach((r, i) => {
      const j = byKey.get(ruleKey(r));
      if (j === undefined) return;
      const prev = old.rules[j]!;
      this.previousSeries[i] = old.previousSeries[j]!;
      r.health = prev.health;
      r.lastError = prev.lastError;
      r.lastEvaluation = prev.lastEvaluation;
      r.evaluationMs = prev.evaluationMs;
      if (r instanceof AlertingRule && prev instanceof AlertingRule) for (const [fp, a] of prev.active) r.active.set(fp, a);
      byKey.delete(ruleKey(r));
    });
    this.restored = old.restored;
    this.lastEvaluation = old.lastEvaluation;
  }

  /** Stale markers for everything this group last wrote; used when the group is removed. */
  staleMarkers(ts: number): OutputSample[] {
    const out: OutputSample[] = [];
    for (const m of this.previousSeries) for (const labels of m.values()) out.push({ labels, t: ts, v: STALE_NAN });
    return out;
  }

  private reportTransitions(rule: AlertingRule, before: Map<string, Snapshot>, ts: number, emit: (t: AlertTransition) => void): void {
    const base = { group: this.spec.name, file: this.spec.file, rule: rule.name, at: ts };
    for (const [fp, a] of rule.active) {
      const from = before.get(fp)?.state ?? 'inactive';
      if (from !== a.state) emit({ ...base, labels: a.labels, annotations: a.annotations, from, to: a.state, value: a.value });
      before.delete(fp);
    }
    // Pending alerts that vanished were deleted outright: report them as going inactive.
    for (const old of before.values()) {
      if (old.state === 'pending') emit({ ...base, labels: old.labels, annotations: old.annotations, from: 'pending', to: 'inactive', value: old.value });
    }
  }
}

interface Snapshot {
  readonly state: AlertState;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly value: number;
}

function snapshot(active: Map<string, ActiveAlert>): Map<string, Snapshot> {
  return new Map([...active].map(([fp, a]) => [fp, { state: a.state, labels: a.labels, annotations: a.annotations, value: a.value }]));
}

function ruleKey(r: Rule): string {
  return `${r instanceof AlertingRule ? 'alert' : 'record'}:${r.name}:${labelsKey(r.spec.labels)}`;
}

/** `<external URL>/graph?g0.expr=…&g0.tab=1`, as Prometheus links alerts to their expression. */
export function generatorURL(externalURL: string, expr: string): string {
  return `${externalURL.replace(/\/$/, '')}/graph?g0.expr=${encodeURIComponent(expr)}&g0.tab=1`;
}
