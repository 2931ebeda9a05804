import { systemClock, type Clock } from '../alerting/clock.js';
import type { AlertTransition, GroupDeps } from './group.js';
import { RuleGroup } from './group.js';
import { alignedEvalTime, groupOffsetMs } from './group-schedule.js';
import type { ForStateStore } from './for-state.js';
import type { RuleGroupSpec } from './rule-types.js';
import type { NotifyFunc, QueryFunc, WriteFunc } from './types.js';

/** Prometheus' --rules.alert.resend-delay default. */
export const RESEND_DELAY_MS = 60_000;

export interface ManagerDeps {
  readonly query: QueryFunc;
  readonly write: WriteFunc;
  readonly notify: NotifyFunc;
  externalLabels(): Readonly<Record<string, string>>;
  externalURL(): string;
  /** global.evaluation_interval, ms. */
  defaultInterval(): number;
  readonly clock?: Clock;
  readonly forState?: ForStateStore;
  readonly onTransition?: (t: AlertTransition) => void;
  readonly logger?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

interface Scheduled {
  group: RuleGroup;
  cancel?: () => void;
  running?: Promise<void>;
  first: boolean;
}

/**
 * Runs rule groups on their intervals, at Prometheus' offsets within the
 * interval; swaps groups on reload keeping the state of rules that stayed;
 * restores `for` state after the first evaluation following a start.
 */
export class RuleManager {
  private scheduled = new Map<string, Scheduled>();
  private started = false;
  private readonly clock: Clock;

  constructor(private readonly deps: ManagerDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  groups(): RuleGroup[] {
    return [...this.scheduled.values()].map((s) => s.group);
  }

  /** Replaces the running groups with `specs` (all or nothing is the caller's job: specs are already valid). */
  async update(specs: readonly RuleGroupSpec[]): Promise<void> {
    const next = new Map<string, Scheduled>();
    for (const spec of specs) {
      // interval 0 means "not set", as in Prometheus.
      const group = new RuleGroup(spec, spec.interval || this.deps.defaultInterval());
      const old = this.scheduled.get(group.key);
      if (old) {
        old.cancel?.();
        await old.running;
        group.copyStateFrom(old.group);
      }
      next.set(group.key, { group, first: !old || old.first });
    }
    for (const [key, old] of this.scheduled) {
      if (next.has(key)) continue;
      old.cancel?.();
      await old.running;
      // A removed group's series end now rather than fading out over the lookback.
      const stale = old.group.staleMarkers(this.clock.now());
      if (stale.length > 0) await this.deps.write(stale).catch(() => {});
      await this.deps.forState?.remove(old.group).catch(() => {});
    }
    this.scheduled = next;
    if (this.started) for (const s of next.values()) this.schedule(s);
  }

  start(): void {
    this.started = true;
    for (const s of this.scheduled.values()) this.schedule(s);
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const s of this.scheduled.values()) {
      s.cancel?.();
      s.cancel = undefined;
    }
    await Promise.all([...this.scheduled.values()].map((s) => s.running));
  }

  /** Evaluates one group now at `ts` (for tests and for the first run). */
  async evalGroup(key: string, ts: number): Promise<void> {
    const s = this.scheduled.get(key);
    if (s) await this.runOnce(s, ts);
  }

  private schedule(s: Scheduled): void {
    const { group } = s;
    const offset = groupOffsetMs(group.spec.file, group.spec.name, group.interval);
    const now = this.clock.now();
    const nextTs = alignedEvalTime(now, group.interval, offset) + group.interval;
    s.cancel = this.clock.setTimer(nextTs - now, () => {
      if (!this.started || this.scheduled.get(group.key) !== s) return;
      // When evaluations were missed (a slow group, a paused process), run at the latest slot only.
      const ts = Math.max(nextTs, alignedEvalTime(this.clock.now(), group.interval, offset));
      s.running = this.runOnce(s, ts).finally(() => {
        s.running = undefined;
        if (this.started && this.scheduled.get(group.key) === s) this.schedule(s);
      });
    });
  }

  private async runOnce(s: Scheduled, ts: number): Promise<void> {
    const { group } = s;
    const deps: GroupDeps = {
      query: this.deps.query,
      write: this.deps.write,
      notify: this.deps.notify,
      externalLabels: this.deps.externalLabels(),
      externalURL: this.deps.externalURL(),
      resendDelay: RESEND_DELAY_MS,
      onTransition: this.deps.onTransition,
      onError: (rule, err) => this.deps.logger?.warn({ group: group.spec.name, file: group.spec.file, rule: rule.name, err: err.message }, 'rule evaluation failed'),
    };
    try {
      await group.eval(ts, deps);
      if (s.first) {
        s.first = false;
        const restored = (await this.deps.forState?.restore(group, ts).catch(() => 0)) ?? 0;
        if (restored > 0) this.deps.logger?.warn({ group: group.spec.name, restored }, 'restored for-state of active alerts');
        group.restored = true;
      }
      await this.deps.forState?.save(group);
    } catch (err) {
      this.deps.logger?.error({ group: group.spec.name, err: (err as Error).message }, 'rule group evaluation failed');
    }
  }
}
