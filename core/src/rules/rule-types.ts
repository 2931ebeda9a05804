/** A rule group as read from a rule file, validated, durations in ms. */
export interface RuleGroupSpec {
  readonly file: string;
  readonly name: string;
  /** Evaluation interval in ms; undefined or 0 means the global evaluation_interval. */
  readonly interval?: number;
  /** Evaluate at now − offset, ms; undefined means 0 (Prometheus' global rule_query_offset default). */
  readonly queryOffset?: number;
  /** Max alerts (alerting) or series (recording) per rule; 0 = no limit. */
  readonly limit: number;
  /** Labels added to every rule's output; rule labels win. */
  readonly labels: Readonly<Record<string, string>>;
  readonly rules: readonly RuleSpec[];
}

export interface RecordingRuleSpec {
  readonly kind: 'recording';
  readonly name: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface AlertingRuleSpec {
  readonly kind: 'alerting';
  readonly name: string;
  readonly expr: string;
  /** ms */
  readonly for: number;
  /** ms */
  readonly keepFiringFor: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export type RuleSpec = RecordingRuleSpec | AlertingRuleSpec;
