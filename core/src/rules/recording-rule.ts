import { labelsKey } from '../alerting/fingerprint.js';
import { RulesError } from './errors.js';
import type { RecordingRuleSpec } from './rule-types.js';
import type { OutputSample, QueryFunc, RuleHealth } from './types.js';

/** A recording rule: evaluates its expression and writes the result under a new metric name. */
export class RecordingRule {
  health: RuleHealth = 'unknown';
  lastError = '';
  lastEvaluation = 0;
  evaluationMs = 0;

  constructor(readonly spec: RecordingRuleSpec) {}

  get name(): string {
    return this.spec.name;
  }

  async eval(ts: number, queryOffset: number, limit: number, query: QueryFunc, groupLabels: Readonly<Record<string, string>>): Promise<OutputSample[]> {
    const at = ts - queryOffset;
    const vector = await query(this.spec.expr, at);
    const seen = new Set<string>();
    const out: OutputSample[] = [];
    for (const s of vector) {
      const labels: Record<string, string> = { ...s.labels, ...groupLabels, ...this.spec.labels, __name__: this.spec.name };
      for (const k of Object.keys(labels)) if (labels[k] === '') delete labels[k];
      const key = labelsKey(labels);
      if (seen.has(key)) throw new RulesError('PNP_RULES_EVAL', 'vector contains metrics with the same labelset after applying rule labels');
      seen.add(key);
      out.push({ labels, t: at, v: s.value });
    }
    if (limit > 0 && out.length > limit) throw new RulesError('PNP_RULES_LIMIT', `exceeded limit ${limit} with ${out.length} series`);
    return out;
  }
}
