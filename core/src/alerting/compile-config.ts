import { parseDuration } from '../config/index.js';
import type { AlertingSectionConfig, RouteConfig } from './config-types.js';
import { AlertingError } from './errors.js';
import { compileMatcher, matchersFromMaps, parseMatcher, type CompiledMatcher, type Matcher } from './matchers.js';
import { Route, type RouteOptions } from './route.js';
import { compileTimeInterval, type TimeInterval } from './time-intervals.js';

export interface ReceiverSpec {
  readonly name: string;
  readonly notifiers: readonly NotifierEntry[];
}

/** One integration of a receiver: an entry of `<type>_configs`; `index` tells entries apart in logs and metrics. */
export interface NotifierEntry {
  /** Notifier type, e.g. `webhook` for `webhook_configs`. */
  readonly type: string;
  readonly index: number;
  readonly sendResolved: boolean;
  readonly maxAlerts: number;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface InhibitRule {
  readonly name: string;
  readonly source: readonly CompiledMatcher[];
  readonly target: readonly CompiledMatcher[];
  readonly equal: readonly string[];
}

export interface CompiledAlerting {
  readonly route: Route;
  readonly receivers: ReadonlyMap<string, ReceiverSpec>;
  readonly inhibitRules: readonly InhibitRule[];
  readonly timeIntervals: ReadonlyMap<string, readonly TimeInterval[]>;
  /** For alerts posted without endsAt, ms. */
  readonly resolveTimeout: number;
  /** How long alert history is kept, ms. */
  readonly historyRetention: number;
}

const DEFAULTS = { group_wait: '30s', group_interval: '5m', repeat_interval: '4h', resolve_timeout: '5m', retention: '7d' };

/**
 * Checks and compiles the alerting section. Throws one AlertingError listing
 * every problem, each with the path of the field (`alerting.route.routes[1].receiver`).
 */
export function compileAlertingConfig(cfg: AlertingSectionConfig): CompiledAlerting {
  const problems: string[] = [];
  const fail = (path: string, msg: string) => problems.push(`alerting.${path}: ${msg}`);
  const duration = (path: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const ms = parseDuration(text);
    if (ms === undefined) {
      fail(path, `${JSON.stringify(text)} is not a duration`);
      return fallback;
    }
    return ms;
  };
  const matchers = (path: string, list: readonly string[] | undefined, match?: Record<string, string>, matchRe?: Record<string, string>) => {
    const out: CompiledMatcher[] = [];
    const raw: Matcher[] = [];
    (list ?? []).forEach((text, i) => {
      try {
        raw.push(parseMatcher(text));
      } catch (err) {
        fail(`${path}[${i}]`, (err as Error).message);
      }
    });
    raw.push(...matchersFromMaps(match, matchRe));
    for (const m of raw) {
      try {
        out.push(compileMatcher(m));
      } catch (err) {
        fail(path, (err as Error).message);
      }
    }
    return out;
  };

  const timeIntervals = new Map<string, TimeInterval[]>();
  for (const [key, list] of [
    ['time_intervals', cfg.time_intervals],
    ['mute_time_intervals', cfg.mute_time_intervals],
  ] as const) {
    (list ?? []).forEach((ti, i) => {
      if (timeIntervals.has(ti.name)) fail(`${key}[${i}].name`, `time interval ${JSON.stringify(ti.name)} is defined twice`);
      try {
        timeIntervals.set(ti.name, ti.time_intervals.map(compileTimeInterval));
      } catch (err) {
        fail(`${key}[${i}]`, (err as Error).message);
      }
    });
  }

  const receivers = new Map<string, ReceiverSpec>();
  (cfg.receivers ?? [{ name: 'default' }]).forEach((r, i) => {
    if (receivers.has(r.name)) fail(`receivers[${i}].name`, `receiver ${JSON.stringify(r.name)} is defined twice`);
    receivers.set(r.name, { name: r.name, notifiers: notifierEntries(r as unknown as Record<string, unknown>) });
  });

  const rootCfg: RouteConfig = cfg.route ?? { receiver: [...receivers.keys()][0] ?? 'default' };
  if (rootCfg.receiver === undefined) fail('route.receiver', 'the root route must name a receiver');
  if ((rootCfg.matchers?.length ?? 0) > 0 || rootCfg.match || rootCfg.match_re) fail('route.matchers', 'the root route must not have matchers');
  if (rootCfg.mute_time_intervals?.length || rootCfg.active_time_intervals?.length) {
    fail('route', 'mute_time_intervals and active_time_intervals are not allowed on the root route');
  }

  const build = (rc: RouteConfig, path: string, parent: Route | undefined, index: number): Route => {
    const p = parent?.opts;
    const groupBy = rc.group_by ?? p?.groupBy ?? [];
    const groupByAll = rc.group_by ? rc.group_by.includes('...') : (p?.groupByAll ?? false);
    if (groupByAll && groupBy.length > 1) fail(`${path}.group_by`, "'...' must be the only entry when used");
    const receiver = rc.receiver ?? p?.receiver ?? '';
    if (!receivers.has(receiver)) fail(`${path}.receiver`, `undefined receiver ${JSON.stringify(receiver)} used in route`);
    for (const key of ['mute_time_intervals', 'active_time_intervals'] as const) {
      for (const name of rc[key] ?? []) if (!timeIntervals.has(name)) fail(`${path}.${key}`, `undefined time interval ${JSON.stringify(name)} used in route`);
    }
    const opts: RouteOptions = {
      receiver,
      groupBy: groupByAll ? [] : groupBy,
      groupByAll,
      groupWait: duration(`${path}.group_wait`, rc.group_wait, p?.groupWait ?? parseDuration(DEFAULTS.group_wait)!),
      groupInterval: duration(`${path}.group_interval`, rc.group_interval, p?.groupInterval ?? parseDuration(DEFAULTS.group_interval)!),
      repeatInterval: duration(`${path}.repeat_interval`, rc.repeat_interval, p?.repeatInterval ?? parseDuration(DEFAULTS.repeat_interval)!),
      muteTimeIntervals: rc.mute_time_intervals ?? [],
      activeTimeIntervals: rc.active_time_intervals ?? [],
    };
    if (opts.groupInterval <= 0) fail(`${path}.group_interval`, 'must be greater than 0');
    if (opts.repeatInterval <= 0) fail(`${path}.repeat_interval`, 'must be greater than 0');
    const route = new Route(matchers(`${path}.matchers`, rc.matchers, rc.match, rc.match_re), opts, rc.continue ?? false, parent, index);
    (rc.routes ?? []).forEach((child, i) => route.children.push(build(child, `${path}.routes[${i}]`, route, i)));
    return route;
  };
  const route = build(rootCfg, 'route', undefined, 0);
  if (rootCfg.continue) fail('route.continue', 'cannot have continue in the root route');

  const inhibitRules = (cfg.inhibit_rules ?? []).map((r, i) => ({
    name: r.name ?? `inhibit_rules[${i}]`,
    source: matchers(`inhibit_rules[${i}].source_matchers`, r.source_matchers, r.source_match, r.source_match_re),
    target: matchers(`inhibit_rules[${i}].target_matchers`, r.target_matchers, r.target_match, r.target_match_re),
    equal: r.equal ?? [],
  }));

  const resolveTimeout = duration('global.resolve_timeout', cfg.global?.resolve_timeout, parseDuration(DEFAULTS.resolve_timeout)!);
  const historyRetention = duration('history.retention', cfg.history?.retention, parseDuration(DEFAULTS.retention)!);
  if (problems.length > 0) throw new AlertingError('PNP_ALERTING_CONFIG', problems.join('\n'));
  return { route, receivers, inhibitRules, timeIntervals, resolveTimeout, historyRetention };
}

/** The `<type>_configs` entries of a receiver, in the order written. */
function notifierEntries(r: Record<string, unknown>): NotifierEntry[] {
  const out: NotifierEntry[] = [];
  for (const [key, value] of Object.entries(r)) {
    const m = /^([a-z][a-z0-9_]*)_configs$/.exec(key);
    if (!m || !Array.isArray(value)) continue;
    for (const e of value as Record<string, unknown>[]) {
      const { send_resolved: sendResolved, max_alerts: maxAlerts } = e;
      out.push({
        type: m[1]!,
        index: out.length,
        sendResolved: typeof sendResolved === 'boolean' ? sendResolved : true,
        maxAlerts: typeof maxAlerts === 'number' ? maxAlerts : 0,
        config: e,
      });
    }
  }
  return out;
}
