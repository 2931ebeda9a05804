/**
 * The `alerting:` section of panoptes.yml, shaped like alertmanager.yml.
 * The schema (config/schema/alerting.ts) checks the shape; compile-config.ts
 * checks what the schema cannot (names that must exist, matcher syntax).
 */
export interface RouteConfig {
  readonly receiver?: string;
  readonly group_by?: readonly string[];
  readonly matchers?: readonly string[];
  /** Deprecated Alertmanager forms. */
  readonly match?: Readonly<Record<string, string>>;
  readonly match_re?: Readonly<Record<string, string>>;
  readonly continue?: boolean;
  readonly group_wait?: string;
  readonly group_interval?: string;
  readonly repeat_interval?: string;
  readonly mute_time_intervals?: readonly string[];
  readonly active_time_intervals?: readonly string[];
  readonly routes?: readonly RouteConfig[];
}

/**
 * A receiver, as in Alertmanager: a name and `<type>_configs` lists
 * (`webhook_configs`, `dingtalk_configs`, …). Each entry is delivered by the
 * notifier plugin that registered that type; `send_resolved` and
 * `max_alerts` are read by the pipeline, the rest goes to the plugin.
 */
export interface ReceiverConfig {
  readonly name: string;
  readonly [typeConfigs: `${string}_configs`]: readonly Readonly<Record<string, unknown>>[] | undefined;
}

export interface InhibitRuleConfig {
  readonly name?: string;
  readonly source_matchers?: readonly string[];
  readonly target_matchers?: readonly string[];
  readonly source_match?: Readonly<Record<string, string>>;
  readonly source_match_re?: Readonly<Record<string, string>>;
  readonly target_match?: Readonly<Record<string, string>>;
  readonly target_match_re?: Readonly<Record<string, string>>;
  readonly equal?: readonly string[];
}

export interface TimeRangeConfig {
  readonly start_time: string;
  readonly end_time: string;
}

export interface TimeIntervalSpecConfig {
  readonly times?: readonly TimeRangeConfig[];
  readonly weekdays?: readonly string[];
  readonly days_of_month?: readonly string[];
  readonly months?: readonly string[];
  readonly years?: readonly string[];
  readonly location?: string;
}

export interface TimeIntervalConfig {
  readonly name: string;
  readonly time_intervals: readonly TimeIntervalSpecConfig[];
}

export interface AlertingSectionConfig {
  readonly global?: { readonly resolve_timeout?: string };
  readonly route?: RouteConfig;
  readonly receivers?: readonly ReceiverConfig[];
  readonly inhibit_rules?: readonly InhibitRuleConfig[];
  readonly time_intervals?: readonly TimeIntervalConfig[];
  /** Deprecated spelling of time_intervals. */
  readonly mute_time_intervals?: readonly TimeIntervalConfig[];
  readonly templates?: readonly string[];
  readonly history?: { readonly retention?: string };
}
