import { isSdkError, SdkError, type Detector, type Notifier, type Plugin, type PromQuerier } from '@panoptes/sdk';
import type { AreaContext } from '../server/area.js';
import type { PluginCandidate } from './discover.js';
import { errorCode, errorMessage, PluginHostError, type PluginHook } from './errors.js';
import type { HostMetrics } from './host-metrics.js';
import { hostNotifier, hostDetector } from './host-adapters.js';
import type { PluginHostRegistry } from './host-registry.js';
import { createJobScheduler, type HostJobScheduler } from './job-scheduler.js';
import { buildPluginContext } from './plugin-context.js';
import { compilePluginSchema } from './plugin-config.js';
import type { PluginMetricSpace } from './plugin-metrics.js';
import type { PluginRoute } from './plugin-routes.js';
import type { PluginErrorInfo, PluginState } from './plugin-status.js';

/** Timeouts and backoff of the host. Defaults suit production; tests shorten them. */
export interface HostTimings {
  /** Longest `start` may take, ms. */
  readonly startTimeoutMs: number;
  /** Longest `stop` (and waiting for running jobs) may take, ms. */
  readonly stopTimeoutMs: number;
  /** Longest a route handler may take before the request answers 504, ms. */
  readonly routeTimeoutMs: number;
  /** Longest one notify call may take, ms. */
  readonly notifyTimeoutMs: number;
  /** First restart delay, ms; doubles per consecutive failure. */
  readonly backoffBaseMs: number;
  /** Cap of the restart delay, ms. */
  readonly backoffMaxMs: number;
  /** Consecutive failures of the plugin's own making (jobs, routes) that trigger a restart. */
  readonly failureThreshold: number;
}

export const DEFAULT_TIMINGS: HostTimings = {
  startTimeoutMs: 30_000,
  stopTimeoutMs: 10_000,
  routeTimeoutMs: 30_000,
  notifyTimeoutMs: 60_000,
  backoffBaseMs: 1_000,
  // Five minutes: long enough not to flood logs, short enough to recover from a remote outage unattended.
  backoffMaxMs: 300_000,
  failureThreshold: 5,
};

export interface RuntimeDeps {
  readonly area: AreaContext;
  readonly metrics: HostMetrics;
  readonly metricSpace: PluginMetricSpace;
  readonly registry: PluginHostRegistry;
  readonly querier: PromQuerier;
  readonly timings: HostTimings;
  readonly serverVersion: string;
}

/** Rejects with PNP_PLUGIN_TIMEOUT if `p` does not settle in `ms`. */
export function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/**
 * One plugin's life in the host: start, stop, failure containment and
 * restarts with exponential backoff. Lifecycle operations are queued, so
 * `start` and `stop` never overlap for one plugin.
 */
export class PluginRuntime {
  state: PluginState;
  lastError: PluginErrorInfo | null = null;
  restarts = 0;
  config: Readonly<Record<string, unknown>>;
  routes: PluginRoute[] = [];

  private queue: Promise<void> = Promise.resolve();
  private controller: AbortController | undefined;
  private jobs: HostJobScheduler | undefined;
  private backoffTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private consecutiveFailures = 0;
  private ownNotifiers: string[] = [];
  private ownDetectors: string[] = [];
  private stopHook: (() => Promise<void> | void) | undefined;

  constructor(
    readonly plugin: Plugin,
    readonly candidate: PluginCandidate,
    config: Readonly<Record<string, unknown>>,
    private readonly deps: RuntimeDeps,
  ) {
    this.config = config;
    this.state = candidate.enabled ? 'stopped' : 'disabled';
  }

  get id(): string {
    return this.plugin.id;
  }

  /** Starts the plugin unless it is disabled; failures are contained and retried. */
  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  /** Stops the plugin and cancels any pending restart. */
  stop(final = false): Promise<void> {
    return this.enqueue(async () => {
      this.clearBackoff();
      await this.doStop();
      if (final || this.state !== 'disabled') this.setState(this.candidate.enabled ? 'stopped' : 'disabled');
    });
  }

  /** Applies a new enabled flag and config: stop, then start when enabled. */
  reconfigure(enabled: boolean, config: Readonly<Record<string, unknown>>): Promise<void> {
    return this.enqueue(async () => {
      this.clearBackoff();
      await this.doStop();
      (this as { candidate: PluginCandidate }).candidate = { ...this.candidate, enabled };
      this.config = config;
      this.attempt = 0;
      this.lastError = null;
      this.setState(enabled ? 'stopped' : 'disabled');
      if (enabled) await this.doStart();
    });
  }

  /**
   * Records a failure from a job, route, notify or detect call. Failures
   * of the plugin's own making count towards a restart; failures blamed on
   * something downstream (storage, a remote system) are only recorded.
   */
  recordFailure(hook: PluginHook, err: unknown, blame?: 'plugin' | 'downstream'): void {
    this.setError(hook, err);
    this.deps.metrics.errors.inc({ plugin: this.id, hook });
    this.deps.area.logger.warn({ plugin: this.id, hook, code: errorCode(err), err: errorMessage(err) }, 'plugin failure contained');
    const downstream = (blame ?? (isSdkError(err) && (err as { source?: string }).source === 'downstream' ? 'downstream' : 'plugin')) === 'downstream';
    if (downstream || this.state !== 'running') return;
    if (++this.consecutiveFailures >= this.deps.timings.failureThreshold) {
      this.consecutiveFailures = 0;
      void this.enqueue(async () => {
        if (this.state !== 'running') return;
        await this.doStop();
        this.scheduleRestart();
      });
    }
  }

  /**
   * An error from the plugin's own async code, outside any hook: recorded,
   * then the plugin is stopped and restarted with backoff, since whatever
   * state threw is no longer trustworthy.
   */
  crashed(err: unknown): void {
    this.setError('async', err);
    this.deps.metrics.errors.inc({ plugin: this.id, hook: 'async' });
    this.deps.area.logger.error({ plugin: this.id, err: errorMessage(err) }, 'plugin threw outside its hooks; restarting it');
    void this.enqueue(async () => {
      if (this.state !== 'running' && this.state !== 'starting') return;
      await this.doStop();
      this.scheduleRestart();
    });
  }

  /** Marks the plugin as not loadable with this config (it stays so until the config changes). */
  markFailed(hook: PluginHook, err: unknown): void {
    this.setError(hook, err);
    this.setState('failed');
  }

  /** Records a success of a job or route: the plugin is healthy again. */
  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.attempt = 0;
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => {});
    return run;
  }

  private setState(state: PluginState): void {
    this.state = state;
    this.deps.metrics.up.set({ plugin: this.id }, state === 'running' ? 1 : 0);
  }

  private setError(hook: PluginHook, err: unknown): void {
    this.lastError = { code: errorCode(err) ?? 'PNP_PLUGIN_HOOK_FAILED', message: errorMessage(err), hook, at: new Date().toISOString() };
  }

  private async doStart(): Promise<void> {
    if (this.state === 'disabled' || this.state === 'failed' || this.state === 'running') return;
    this.setState('starting');
    const controller = new AbortController();
    this.controller = controller;
    this.routes = [];
    const id = this.id;
    this.jobs = createJobScheduler({
      pluginId: id,
      signal: controller.signal,
      onResult: (job, result, seconds, error) => {
        this.deps.metrics.jobs.inc({ plugin: id, job, result });
        if (result !== 'skipped') this.deps.metrics.jobDuration.observe({ plugin: id, job }, seconds);
        if (result === 'error' || result === 'timeout') this.recordFailure('job', error);
        else if (result === 'success') this.recordSuccess();
      },
    });
    const ctx = buildPluginContext({
      id,
      kinds: new Set(this.plugin.kinds),
      publicPaths: this.plugin.publicPaths ?? [],
      config: this.config,
      area: this.deps.area,
      signal: controller.signal,
      jobs: this.jobs,
      metrics: this.deps.metricSpace.forPlugin(id),
      querier: this.deps.querier,
      serverVersion: this.deps.serverVersion,
      onSamples: (n) => this.deps.metrics.samplesAppended.inc({ plugin: id }, n),
      addRoute: (r) => {
        if (this.routes.some((x) => x.method === r.method && x.public === r.public && x.pattern.pattern === r.pattern.pattern)) {
          throw new SdkError('PNP_SDK_ROUTE', `plugin ${id}: route ${r.method} ${r.pattern.pattern} is already registered`);
        }
        this.routes.push(r);
      },
      addNotifier: (n) => this.addNotifier(n),
      addDetector: (d) => this.addDetector(d),
    });
    this.stopHook = this.plugin.stop ? () => this.plugin.stop!(ctx) : undefined;
    try {
      await withTimeout(
        Promise.resolve().then(() => this.plugin.start(ctx)),
        this.deps.timings.startTimeoutMs,
        () => new PluginHostError('PNP_PLUGIN_TIMEOUT', id, `start did not finish within ${this.deps.timings.startTimeoutMs} ms`, { hook: 'start' }),
      );
    } catch (err) {
      this.setError('start', err);
      this.deps.metrics.errors.inc({ plugin: id, hook: 'start' });
      this.deps.area.logger.error({ plugin: id, code: errorCode(err), err: errorMessage(err) }, 'plugin start failed');
      await this.doStop();
      this.scheduleRestart();
      return;
    }
    this.consecutiveFailures = 0;
    this.setState('running');
    this.deps.area.logger.info({ plugin: id, version: this.plugin.version }, 'plugin started');
  }

  /** Aborts the start's signal, drops its routes and registrations, waits (bounded) for jobs and `stop`. */
  private async doStop(): Promise<void> {
    const controller = this.controller;
    if (!controller) return;
    this.controller = undefined;
    const wasRunning = this.state === 'running';
    this.setState('stopping');
    controller.abort(new PluginHostError('PNP_PLUGIN_NOT_RUNNING', this.id, 'stopped', { hook: 'stop' }));
    this.routes = [];
    for (const t of this.ownNotifiers) this.deps.registry.notifierMap.delete(t);
    for (const n of this.ownDetectors) this.deps.registry.detectorMap.delete(n);
    this.ownNotifiers = [];
    this.ownDetectors = [];
    const inFlight = this.jobs?.inFlight() ?? [];
    const stopHook = this.stopHook;
    this.stopHook = undefined;
    try {
      await withTimeout(
        Promise.all([...inFlight, Promise.resolve().then(() => stopHook?.())]).then(() => {}),
        this.deps.timings.stopTimeoutMs,
        () => new PluginHostError('PNP_PLUGIN_TIMEOUT', this.id, `stop (and its running jobs) did not finish within ${this.deps.timings.stopTimeoutMs} ms`, { hook: 'stop' }),
      );
    } catch (err) {
      this.setError('stop', err);
      this.deps.metrics.errors.inc({ plugin: this.id, hook: 'stop' });
      this.deps.area.logger.warn({ plugin: this.id, err: errorMessage(err) }, 'plugin stop failed');
    }
    this.setState('stopped');
    if (wasRunning) this.deps.area.logger.info({ plugin: this.id }, 'plugin stopped');
  }

  private scheduleRestart(): void {
    const delay = Math.min(this.deps.timings.backoffMaxMs, this.deps.timings.backoffBaseMs * 2 ** this.attempt);
    this.attempt++;
    this.setState('restarting');
    this.deps.area.logger.warn({ plugin: this.id, delayMs: delay, lastError: this.lastError?.message }, 'plugin will restart after backoff');
    this.backoffTimer = setTimeout(() => {
      this.backoffTimer = undefined;
      this.restarts++;
      this.deps.metrics.restarts.inc({ plugin: this.id });
      void this.enqueue(async () => {
        if (this.state === 'restarting') await this.doStart();
      });
    }, delay);
    this.backoffTimer.unref();
  }

  private clearBackoff(): void {
    if (this.backoffTimer) clearTimeout(this.backoffTimer);
    this.backoffTimer = undefined;
  }

  private addNotifier(n: Notifier<unknown>): void {
    const owner = this.deps.registry.notifierMap.get(n.type);
    if (owner && owner.pluginId !== this.id) {
      throw new PluginHostError('PNP_PLUGIN_ROUTE_CONFLICT', this.id, `notifier type ${n.type} is already provided by plugin ${owner.pluginId}`, { hook: 'start' });
    }
    // Compile now, so a schema the host cannot use fails the start (visible at once) rather than the first notification.
    compilePluginSchema(this.id, n.configSchema ?? { type: 'object' });
    this.deps.registry.notifierMap.set(n.type, hostNotifier(this, n, this.deps.timings));
    this.ownNotifiers.push(n.type);
  }

  private addDetector(d: Detector<unknown>): void {
    const owner = this.deps.registry.detectorMap.get(d.name);
    if (owner && owner.pluginId !== this.id) {
      throw new PluginHostError('PNP_PLUGIN_ROUTE_CONFLICT', this.id, `detector ${d.name} is already provided by plugin ${owner.pluginId}`, { hook: 'start' });
    }
    if (d.paramsSchema) compilePluginSchema(this.id, d.paramsSchema);
    this.deps.registry.detectorMap.set(d.name, hostDetector(this, d));
    this.ownDetectors.push(d.name);
  }
}
