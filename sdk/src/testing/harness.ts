import type { PluginContext, PluginLogger, LogFields } from '../context.js';
import type { Plugin } from '../define-plugin.js';
import { applyConfigDefaults } from '../config-defaults.js';
import type { Detector, DetectorInput } from '../detector.js';
import { parseDuration } from '../duration.js';
import { SdkError } from '../errors.js';
import { compileRoutePattern, withinPublicPath, type HttpMethod, type RouteOptions, type RoutePattern } from '../http.js';
import type { JobFunction, JobOptions } from '../jobs.js';
import type { NotificationGroup, Notifier } from '../notifier.js';
import type { PromQuerier } from '../query.js';
import { sampleProblem, type Sample } from '../samples.js';
import { SDK_VERSION } from '../version.js';
import { createMemoryMetrics, type MemoryMetrics } from './memory-metrics.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';

/** How to run the plugin under test. */
export interface HarnessOptions<Config> {
  /** The plugin's config before defaults; the schema's defaults are filled in. */
  readonly config?: Partial<Config> | Record<string, unknown>;
  /** Start time of the fake clock, ms since the epoch; 2030-01-01T00:00:00Z when left out. */
  readonly now?: number;
  /** Answers the plugin's PromQL queries; without it they reject with PNP_SDK_UNAVAILABLE. */
  readonly querier?: PromQuerier;
  /** Picks each job's jitter offset from [0, 1); 0 (first run at start) when left out. */
  readonly random?: () => number;
  /** Makes `append` reject, to test how the plugin handles a storage failure. */
  readonly appendError?: Error;
  readonly externalURL?: string;
}

/** One captured log line. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: LogFields | undefined;
}

/** A sample as stored: its timestamp filled in from the fake clock. */
export type CapturedSample = Sample & { readonly timestamp: number };

/** One notification handed to one of the plugin's notifiers. */
export interface CapturedNotification {
  readonly type: string;
  readonly group: NotificationGroup;
  readonly config: unknown;
  /** The error `notify` rejected with, if it did. */
  readonly error?: unknown;
}

/** What a harness request returns. */
export interface HarnessResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

interface ScheduledJob {
  readonly name: string;
  readonly interval: number;
  next: number;
  readonly run: JobFunction;
  cancelled: boolean;
}

/**
 * Runs one plugin alone, with no server: a fake clock drives its jobs, and
 * samples, notifications, logs, metrics and store contents are captured for
 * assertions. Jobs run only inside `advance`, one at a time, in time order.
 */
export class TestHarness<Config = Record<string, unknown>> {
  /** Every sample appended, in order. */
  readonly samples: CapturedSample[] = [];
  readonly notifications: CapturedNotification[] = [];
  readonly logs: LogLine[] = [];
  /** Errors thrown by jobs, with the job's name. */
  readonly jobErrors: { job: string; error: unknown }[] = [];
  readonly store: MemoryStore = createMemoryStore();
  readonly metrics: MemoryMetrics = createMemoryMetrics();
  readonly config: Readonly<Config>;

  private clock: number;
  private controller = new AbortController();
  private readonly jobs: ScheduledJob[] = [];
  private readonly routes: { method: HttpMethod; pattern: RoutePattern; public: boolean; handler: RouteOptions['handler'] }[] = [];
  private readonly notifierByType = new Map<string, Notifier<unknown>>();
  private readonly detectorByName = new Map<string, Detector<unknown>>();
  private ctx: PluginContext<Config> | undefined;

  constructor(
    readonly plugin: Plugin<Config>,
    private readonly options: HarnessOptions<Config> = {},
  ) {
    this.clock = options.now ?? Date.UTC(2030, 0, 1);
    this.config = Object.freeze(applyConfigDefaults(plugin.configSchema, options.config ?? {}) as Config);
  }

  /** The fake clock, ms since the epoch. */
  now(): number {
    return this.clock;
  }

  /** Calls the plugin's `start` with a fresh context. */
  async start(): Promise<void> {
    if (this.ctx) throw new Error('harness: the plugin is already started');
    this.controller = new AbortController();
    this.ctx = this.context();
    await this.plugin.start(this.ctx);
  }

  /** Aborts the signal, cancels jobs, drops routes and calls `stop`. */
  async stop(): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    this.controller.abort(new SdkError('PNP_SDK_STOPPED', `plugin ${this.plugin.id} stopped`));
    for (const job of this.jobs) job.cancelled = true;
    this.jobs.length = 0;
    this.routes.length = 0;
    this.notifierByType.clear();
    this.detectorByName.clear();
    this.ctx = undefined;
    await this.plugin.stop?.(ctx);
  }

  /** Moves the fake clock forward, running every job due on the way (each awaited). */
  async advance(by: number | string): Promise<void> {
    const target = this.clock + parseDuration(by);
    for (;;) {
      const due = this.jobs.filter((j) => !j.cancelled && j.next <= target).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.clock = Math.max(this.clock, due.next);
      due.next += due.interval;
      try {
        await due.run(this.controller.signal);
      } catch (error) {
        this.jobErrors.push({ job: due.name, error });
      }
    }
    this.clock = target;
  }

  /** Sends a request to one of the plugin's routes, as the host would. Paths are absolute (/api/plugins/<id>/...). */
  async request(method: HttpMethod, url: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<HarnessResponse> {
    const [path = '/', search = ''] = url.split('?');
    const prefix = `/api/plugins/${this.plugin.id}`;
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const local = r.public ? path : path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : undefined;
      const params = local === undefined ? undefined : r.pattern.match(local);
      if (!params) continue;
      const query: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(search)) {
        const prev = query[k];
        query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      try {
        const res = await r.handler({ method, path, params, query, headers: init.headers ?? {}, body: init.body, signal: this.controller.signal });
        if (!res) return { status: 204, headers: {}, body: undefined };
        return { status: res.status ?? 200, headers: { ...res.headers }, body: res.body };
      } catch (error) {
        return { status: 500, headers: {}, body: { status: 'error', error: (error as Error).message, code: (error as { code?: string }).code } };
      }
    }
    return { status: 404, headers: {}, body: { status: 'error', error: `no route for ${method} ${path}` } };
  }

  /** Delivers a group to the notifier registered for `type`, recording it; rethrows the notifier's error. */
  async notify(type: string, group: NotificationGroup, config: Record<string, unknown> = {}): Promise<void> {
    const notifier = this.notifierByType.get(type);
    if (!notifier) throw new Error(`harness: no notifier of type ${type} registered`);
    const filled = applyConfigDefaults(notifier.configSchema, config);
    try {
      await notifier.notify(group, filled, { signal: this.controller.signal });
      this.notifications.push({ type, group, config: filled });
    } catch (error) {
      this.notifications.push({ type, group, config: filled, error });
      throw error;
    }
  }

  /** Runs a registered detector. */
  async detect(name: string, input: Omit<DetectorInput, 'params'> & { params?: Record<string, unknown> }): Promise<readonly number[]> {
    const detector = this.detectorByName.get(name);
    if (!detector) throw new Error(`harness: no detector ${name} registered`);
    return detector.detect({ ...input, params: applyConfigDefaults(detector.paramsSchema, input.params ?? {}) });
  }

  /** Names of the registered jobs, notifier types and detector names. */
  registered(): { jobs: string[]; notifiers: string[]; detectors: string[]; routes: string[] } {
    return {
      jobs: this.jobs.filter((j) => !j.cancelled).map((j) => j.name),
      notifiers: [...this.notifierByType.keys()],
      detectors: [...this.detectorByName.keys()],
      routes: this.routes.map((r) => `${r.method} ${r.public ? '' : `/api/plugins/${this.plugin.id}`}${r.pattern.pattern}`),
    };
  }

  private context(): PluginContext<Config> {
    const plugin = this.plugin;
    const signal = this.controller.signal;
    const kinds = new Set(plugin.kinds);
    const live = (what: string): void => {
      if (signal.aborted) throw new SdkError('PNP_SDK_STOPPED', `plugin ${plugin.id} is stopped; ${what} refused`);
    };
    const log = (level: LogLine['level']) => (message: string, fields?: LogFields) => void this.logs.push({ level, message, fields });
    const logger: PluginLogger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
    const unavailable = async (): Promise<never> => {
      throw new SdkError('PNP_SDK_UNAVAILABLE', 'no querier given to the test harness (HarnessOptions.querier)', { source: 'downstream' });
    };
    return {
      id: plugin.id,
      config: this.config,
      logger,
      signal,
      now: () => this.clock,
      host: { sdkVersion: SDK_VERSION, serverVersion: 'test', externalURL: this.options.externalURL ?? 'http://localhost:9410' },
      appender: {
        append: async (samples) => {
          live('append');
          for (const s of samples) {
            const problem = sampleProblem(s);
            if (problem) throw new SdkError('PNP_SDK_SAMPLE', `plugin ${plugin.id}: ${problem}`);
          }
          if (this.options.appendError) throw this.options.appendError;
          for (const s of samples) this.samples.push({ ...s, timestamp: s.timestamp ?? this.clock });
        },
      },
      querier: this.options.querier ?? { instant: unavailable, range: unavailable },
      jobs: {
        every: (o: JobOptions, run: JobFunction) => {
          live('job');
          const interval = parseDuration(o.interval);
          const jitter = o.jitter ?? 0.1;
          if (interval <= 0) throw new SdkError('PNP_SDK_JOB', `job ${o.name}: interval must be > 0`);
          if (!(jitter >= 0 && jitter <= 1)) throw new SdkError('PNP_SDK_JOB', `job ${o.name}: jitter ${jitter} is not in [0, 1]`);
          if (this.jobs.some((j) => j.name === o.name && !j.cancelled)) throw new SdkError('PNP_SDK_JOB', `job ${o.name} is already scheduled`);
          const offset = Math.floor((this.options.random ?? (() => 0))() * jitter * interval);
          const job: ScheduledJob = { name: o.name, interval, next: this.clock + offset, run, cancelled: false };
          this.jobs.push(job);
          return { name: o.name, cancel: () => void (job.cancelled = true) };
        },
      },
      store: this.store,
      http: {
        route: (r: RouteOptions) => {
          live('route');
          const pattern = compileRoutePattern(r.path);
          if (!pattern) throw new SdkError('PNP_SDK_ROUTE', `route ${r.method} ${r.path}: malformed path pattern`);
          if (r.public && !(plugin.publicPaths ?? []).some((p) => withinPublicPath(r.path, p))) {
            throw new SdkError('PNP_SDK_ROUTE', `route ${r.path} is not inside a public path declared in the manifest (${(plugin.publicPaths ?? []).join(', ') || 'none'})`);
          }
          if (this.routes.some((x) => x.method === r.method && x.public === (r.public === true) && x.pattern.pattern === r.path)) {
            throw new SdkError('PNP_SDK_ROUTE', `route ${r.method} ${r.path} is already registered`);
          }
          this.routes.push({ method: r.method, pattern, public: r.public === true, handler: r.handler });
        },
      },
      metrics: this.metrics,
      notifiers: {
        register: (n) => {
          live('notifier registration');
          if (!kinds.has('notifier')) throw new SdkError('PNP_SDK_CAPABILITY', `plugin ${plugin.id} registers a notifier but its manifest kinds do not include "notifier"`);
          if (this.notifierByType.has(n.type)) throw new SdkError('PNP_SDK_CAPABILITY', `notifier type ${n.type} is already registered`);
          this.notifierByType.set(n.type, n as Notifier<unknown>);
        },
      },
      detectors: {
        register: (d) => {
          live('detector registration');
          if (!kinds.has('detector')) throw new SdkError('PNP_SDK_CAPABILITY', `plugin ${plugin.id} registers a detector but its manifest kinds do not include "detector"`);
          if (this.detectorByName.has(d.name)) throw new SdkError('PNP_SDK_CAPABILITY', `detector ${d.name} is already registered`);
          this.detectorByName.set(d.name, d as Detector<unknown>);
        },
      },
    };
  }
}

/** Builds a harness for `plugin`; call `start()` next. */
export function createTestHarness<Config>(plugin: Plugin<Config>, options?: HarnessOptions<Config>): TestHarness<Config> {
  return new TestHarness(plugin, options);
}
