/**
 * The rule engine's seams, after Prometheus' rules/manager.go QueryFunc and
 * NotifyFunc: the engine knows neither the PromQL engine nor the alert
 * pipeline, only these function types.
 */

/** One element of an instant vector; `labels` may hold `__name__`. */
export interface QuerySample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/**
 * Evaluates `expr` at time `at` (ms) and returns an instant vector. A scalar
 * result comes back as one sample with no labels. Rejects on query errors;
 * the rule records the error and the group goes on.
 */
export type QueryFunc = (expr: string, at: number) => Promise<QuerySample[]>;

/** An alert as the rule engine hands it to the alert pipeline (Prometheus' SendAlerts shape). */
export interface OutgoingAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** When it started firing, ms. */
  readonly startsAt: number;
  /** Resolution time when resolved, else a validity horizon (now + 4 × max(interval, resend delay)), ms. */
  readonly endsAt: number;
  readonly generatorURL: string;
}

/** Delivers alerts to the pipeline. Must not throw for bad alerts; may be async. */
export type NotifyFunc = (alerts: readonly OutgoingAlert[]) => void | Promise<void>;

/** One sample a group writes back to storage (recording output, ALERTS, ALERTS_FOR_STATE, stale markers). */
export interface OutputSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly t: number;
  readonly v: number;
}

/** Where groups write their output; an adapter over the storage appender. Resolves once durable. */
export type WriteFunc = (samples: readonly OutputSample[]) => Promise<void>;

export type RuleHealth = 'ok' | 'err' | 'unknown';

export type AlertState = 'inactive' | 'pending' | 'firing';
