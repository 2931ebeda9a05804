import type { Logger } from 'pino';
import {
  SDK_VERSION,
  SdkError,
  compileRoutePattern,
  createKeyValueStore,
  sampleProblem,
  withinPublicPath,
  type Detector,
  type Notifier,
  type PluginContext,
  type PluginLogger,
  type PluginMetrics,
  type PromQuerier,
  type RouteOptions,
  type Sample,
} from '@panoptes/sdk';
import type { Labels } from '@panoptes/storage';
import type { AreaContext } from '../server/area.js';
import type { HostJobScheduler } from './job-scheduler.js';
import type { PluginRoute } from './plugin-routes.js';

/** What a context needs from the runtime that builds it. */
export interface ContextDeps {
  readonly id: string;
  readonly kinds: ReadonlySet<string>;
  readonly publicPaths: readonly string[];
  readonly config: Readonly<Record<string, unknown>>;
  readonly area: AreaContext;
  readonly signal: AbortSignal;
  readonly jobs: HostJobScheduler;
  readonly metrics: PluginMetrics;
  readonly querier: PromQuerier;
  readonly serverVersion: string;
  readonly onSamples: (n: number) => void;
  /** Adds a route; throws PNP_SDK_ROUTE when the same method and pattern is already registered. */
  readonly addRoute: (route: PluginRoute) => void;
  readonly addNotifier: (n: Notifier<unknown>) => void;
  readonly addDetector: (d: Detector<unknown>) => void;
}

/** Adapts pino to the SDK's logger shape (message first, fields second). */
export function pluginLogger(logger: Logger): PluginLogger {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Readonly<Record<string, unknown>>) => {
    if (fields) logger[level](fields, message);
    else logger[level](message);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Sorted storage labels for a sample; empty values dropped as in Prometheus. */
export function sampleLabels(s: Sample): Labels {
  const labels = [{ name: '__name__', value: s.name }];
  for (const [name, value] of Object.entries(s.labels ?? {})) if (value !== '') labels.push({ name, value });
  return labels.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Builds the PluginContext for one start of one plugin. Every capability
 * checks the start's signal, so a context kept past stop (or a start that
 * hung past its timeout) can no longer act: calls throw PNP_SDK_STOPPED.
 */
export function buildPluginContext(d: ContextDeps): PluginContext {
  const live = (what: string): void => {
    if (d.signal.aborted) throw new SdkError('PNP_SDK_STOPPED', `plugin ${d.id} is stopped; ${what} refused`);
  };
  const capability = (kind: string, what: string): void => {
    if (!d.kinds.has(kind)) throw new SdkError('PNP_SDK_CAPABILITY', `plugin ${d.id} registers a ${what} but its manifest kinds do not include "${kind}"`);
  };
  let keyspace: ReturnType<AreaContext['storage']['keyspace']> | undefined;
  const space = (): NonNullable<typeof keyspace> => {
    live('store access');
    try {
      keyspace ??= d.area.storage.keyspace('plugins').sub(d.id);
    } catch (cause) {
      throw new SdkError('PNP_SDK_UNAVAILABLE', `plugin ${d.id}: store unavailable: ${(cause as Error).message}`, { cause, source: 'downstream' });
    }
    return keyspace;
  };
  return {
    id: d.id,
    config: d.config,
    logger: pluginLogger(d.area.logger.child({ plugin: d.id })),
    signal: d.signal,
    now: () => Date.now(),
    host: { sdkVersion: SDK_VERSION, serverVersion: d.serverVersion, externalURL: d.area.config().server.external_url ?? `http://${d.area.listenAddress}` },
    appender: {
      async append(samples) {
        live('append');
        if (!Array.isArray(samples)) throw new SdkError('PNP_SDK_SAMPLE', `plugin ${d.id}: append expects a list of samples`);
        for (const s of samples) {
          const problem = sampleProblem(s);
          if (problem) throw new SdkError('PNP_SDK_SAMPLE', `plugin ${d.id}: ${problem}`);
        }
        if (samples.length === 0) return;
        const now = Date.now();
        let app;
        try {
          app = d.area.storage.appender();
          for (const s of samples) app.append(0, sampleLabels(s), s.timestamp ?? now, s.value);
          await app.commit();
        } catch (cause) {
          try {
            app?.rollback();
          } catch {
            /* the batch is dropped either way */
          }
          throw new SdkError('PNP_SDK_UNAVAILABLE', `plugin ${d.id}: storage refused ${samples.length} samples: ${(cause as Error).message}`, { cause, source: 'downstream' });
        }
        d.onSamples(samples.length);
      },
    },
    querier: d.querier,
    jobs: d.jobs,
    store: createKeyValueStore({
      get: (k) => space().get(k),
      put: (k, v) => space().put(k, v),
      delete: (k) => space().delete(k),
      entries: (r) => space().entries(r),
    }),
    http: {
      route(r: RouteOptions) {
        live('route');
        const pattern = typeof r?.path === 'string' ? compileRoutePattern(r.path) : undefined;
        if (!pattern) throw new SdkError('PNP_SDK_ROUTE', `plugin ${d.id}: route ${String(r?.method)} ${String(r?.path)}: malformed path pattern (use /name, /:param, /rest/*)`);
        if (typeof r.handler !== 'function') throw new SdkError('PNP_SDK_ROUTE', `plugin ${d.id}: route ${r.method} ${r.path} has no handler`);
        if (r.public && !d.publicPaths.some((p) => withinPublicPath(r.path, p))) {
          throw new SdkError('PNP_SDK_ROUTE', `plugin ${d.id}: route ${r.path} is not inside a public path declared in the manifest (${d.publicPaths.join(', ') || 'none'})`);
        }
        d.addRoute({ method: r.method, pattern, public: r.public === true, handler: r.handler });
      },
    },
    metrics: d.metrics,
    notifiers: {
      register(n) {
        live('notifier registration');
        capability('notifier', 'notifier');
        if (typeof n?.type !== 'string' || !/^[a-z][a-z0-9_]*$/.test(n.type)) throw new SdkError('PNP_SDK_CAPABILITY', `plugin ${d.id}: notifier type ${JSON.stringify(n?.type)} is not [a-z][a-z0-9_]*`);
        d.addNotifier(n as Notifier<unknown>);
      },
    },
    detectors: {
      register(det) {
        live('detector registration');
        capability('detector', 'detector');
        if (typeof det?.name !== 'string' || !/^[a-z][a-z0-9_]*$/.test(det.name)) throw new SdkError('PNP_SDK_CAPABILITY', `plugin ${d.id}: detector name ${JSON.stringify(det?.name)} is not [a-z][a-z0-9_]*`);
        d.addDetector(det as Detector<unknown>);
      },
    },
  };
}
