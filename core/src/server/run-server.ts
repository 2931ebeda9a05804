import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { openStorage, type Storage, type StorageOptions } from '@panoptes/storage';
import { defaultConfig, loadConfigFile, parseBytes, parseDuration, type LoadedConfig, type PanoptesConfig } from '../config/index.js';
import { startTracing, type SelfTracing } from '../telemetry/tracing.js';
import { tracedStorage } from '../telemetry/traced-storage.js';
import { buildInfo } from '../version.js';
import type { AreaContext, AreaEntry } from './area.js';
import { AREAS } from './areas.js';
import { createServer } from './create-server.js';
import { ServerError } from './errors.js';
import { formatListenAddress, parseListenAddress } from './listen-address.js';
import { createSelfMetrics } from './self-metrics.js';

/** What `panoptes serve` was given on the command line; flags override the config file. */
export interface ServeOptions {
  readonly configFile?: string;
  readonly listen?: string;
  readonly dataDir?: string;
  readonly logLevel?: string;
  /** Flags as typed, for /api/v1/status/flags. */
  readonly flags?: Readonly<Record<string, string>>;
  /** Where logs go; stdout when unset. */
  readonly logDestination?: NodeJS.WritableStream;
  /** Areas to register; all of core's by default. */
  readonly areas?: readonly AreaEntry[];
}

export interface RunningServer {
  readonly app: FastifyInstance;
  /** `host:port` actually bound (port 0 resolved). */
  readonly address: string;
  readonly logger: Logger;
  /** How long shutdown may take before the process is forced out (server.shutdown_timeout). */
  shutdownTimeoutMs(): number;
  /** Resolves when storage is open and recovery done (what /-/ready reports). */
  readonly ready: Promise<void>;
  /** Re-reads the config file; rejects, keeping the old config, when the new one is bad. */
  reload(): Promise<void>;
  /** Stops accepting, finishes in-flight requests, closes storage. */
  close(): Promise<void>;
}

/** Applies command-line overrides on top of a validated config. */
function withFlags(loaded: LoadedConfig, opts: ServeOptions): LoadedConfig {
  const server = {
    ...loaded.config.server,
    ...(opts.listen !== undefined && { listen: opts.listen }),
    ...(opts.dataDir !== undefined && { data_dir: opts.dataDir }),
    ...(opts.logLevel !== undefined && { log_level: opts.logLevel as PanoptesConfig['server']['log_level'] }),
  };
  return { ...loaded, config: Object.freeze({ ...loaded.config, server: Object.freeze(server) }) };
}

/**
 * Adds the self-monitoring scrape job (its own /metrics) unless turned off
 * or a job named `panoptes` already exists, so a fresh server shows data.
 */
function withSelfMonitoring(loaded: LoadedConfig, listenAddress: string): LoadedConfig {
  const cfg = loaded.config;
  if (!cfg.server.self_monitoring || cfg.scrape_configs.some((j) => j.job_name === 'panoptes')) return loaded;
  const job = Object.freeze({
    job_name: 'panoptes',
    scrape_interval: cfg.global.scrape_interval,
    scrape_timeout: cfg.global.scrape_timeout,
    metrics_path: '/metrics',
    scheme: 'http' as const,
    honor_labels: false,
    honor_timestamps: true,
    static_configs: Object.freeze([Object.freeze({ targets: Object.freeze([listenAddress]) })]),
    sample_limit: 0,
    label_limit: 0,
    label_name_length_limit: 0,
    label_value_length_limit: 0,
    target_limit: 0,
    body_size_limit: 0,
  });
  return { ...loaded, config: Object.freeze({ ...cfg, scrape_configs: Object.freeze([...cfg.scrape_configs, job]) }) };
}

/** Maps the `storage:` section onto the engine's options. Changes take effect at the next start. */
function storageOptions(config: PanoptesConfig, dataDir: string, logger: Logger): StorageOptions {
  const sync = config.storage.wal_sync;
  return {
    dataDir,
    logger: logger.child({ area: 'storage' }),
    walSync: sync === 'batch' ? 'batch' : parseDuration(sync)!,
    retentionMs: parseDuration(config.storage.retention_time) ?? 0,
    retentionBytes: parseBytes(config.storage.retention_size) ?? 0,
    residentBytes: parseBytes(config.storage.resident_size) ?? undefined,
  };
}

async function readConfig(opts: ServeOptions): Promise<LoadedConfig> {
  return withFlags(opts.configFile ? await loadConfigFile(opts.configFile) : defaultConfig(), opts);
}

/** Starts the server: listen first, then open storage, then turn ready. */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  let loaded = await readConfig(opts);
  const startTime = Date.now();
  const logger = pino(
    { level: loaded.config.server.log_level, base: { service: 'panoptes' } },
    (opts.logDestination ?? process.stdout) as pino.DestinationStream,
  );
  const dataDir = path.resolve(loaded.config.server.data_dir);
  const metrics = createSelfMetrics();
  const tracing: SelfTracing = await startTracing(loaded.config.tracing, buildInfo().version);

  let storage: Storage | undefined;
  let ready = false;
  let listenAddress = loaded.config.server.listen;
  const readyHooks: (() => Promise<void> | void)[] = [];
  const checkHooks: ((c: PanoptesConfig) => Promise<void> | void)[] = [];
  const applyHooks: ((c: PanoptesConfig) => Promise<void> | void)[] = [];
  const shutdownHooks: (() => Promise<void> | void)[] = [];

  const ctx: AreaContext = {
    get storage(): Storage {
      if (!storage) throw new ServerError('PNP_SERVER_NOT_READY', 'storage is not open yet');
      return storage;
    },
    config: () => loaded.config,
    loadedConfig: () => loaded,
    get listenAddress() {
      return listenAddress;
    },
    dataDir,
    metrics: metrics.registry,
    logger,
    startTime,
    flags: opts.flags ?? {},
    onReady: (fn) => void readyHooks.push(fn),
    onConfigCheck: (fn) => void checkHooks.push(fn),
    onConfigApply: (fn) => void applyHooks.push(fn),
    onShutdown: (fn) => void shutdownHooks.push(fn),
  };

  let reloading: Promise<void> = Promise.resolve();
  const reload = (): Promise<void> => {
    const run = reloading.then(async () => {
      if (!opts.configFile) {
        logger.info('no config file given; nothing to reload');
        return;
      }
      let next: LoadedConfig;
      try {
        next = withSelfMonitoring(await readConfig(opts), listenAddress);
        for (const check of checkHooks) await check(next.config);
      } catch (err) {
        metrics.reloadSuccessful.set(0);
        logger.error({ err: (err as Error).message }, 'config reload failed; keeping the running config');
        throw err;
      }
      if (next.config.server.listen !== loaded.config.server.listen || next.config.server.data_dir !== loaded.config.server.data_dir) {
        logger.warn('server.listen and server.data_dir take effect only after a restart');
      }
      loaded = next;
      logger.level = next.config.server.log_level;
      for (const apply of applyHooks) await apply(next.config);
      metrics.reloadSuccessful.set(1);
      metrics.reloadTimestamp.set(Date.now() / 1000);
      logger.info({ file: opts.configFile }, 'configuration reloaded');
    });
    reloading = run.catch(() => {});
    return run;
  };

  const app = await createServer({
    logger,
    metrics,
    ctx,
    areas: opts.areas ?? AREAS,
    bodyLimit: parseBytes(loaded.config.server.max_request_body) || 64 * 1024 * 1024,
    isReady: () => ready,
    reload,
    tracer: tracing.tracer,
  });

  const { host, port } = parseListenAddress(loaded.config.server.listen);
  try {
    await app.listen({ host, port });
  } catch (err) {
    await tracing.shutdown();
    throw new ServerError('PNP_SERVER_LISTEN', `listen on ${loaded.config.server.listen}: ${(err as Error).message}`, { cause: err });
  }
  const bound = app.server.address();
  if (bound && typeof bound === 'object') listenAddress = formatListenAddress(bound.address, bound.port);
  loaded = withSelfMonitoring(loaded, listenAddress);
  logger.info({ address: `http://${listenAddress}`, dataDir, version: buildInfo().version }, 'Panoptes is listening');

  const readyPromise = (async () => {
    const opened = await openStorage(storageOptions(loaded.config, dataDir, logger));
    storage = tracing.tracer ? tracedStorage(opened, tracing.tracer) : opened;
    for (const hook of readyHooks) await hook();
    ready = true;
    metrics.ready.set(1);
    logger.info({ ms: Date.now() - startTime }, 'Panoptes is ready');
  })();

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const errors: unknown[] = [];
      await app.close().catch((e: unknown) => errors.push(e));
      await readyPromise.catch(() => {});
      for (const hook of shutdownHooks.reverse()) await Promise.resolve(hook()).catch((e: unknown) => errors.push(e));
      if (storage) await storage.close().catch((e: unknown) => errors.push(e));
      await tracing.shutdown().catch((e: unknown) => errors.push(e));
      if (errors.length > 0) throw new AggregateError(errors, 'shutdown finished with errors');
    })();
    return closing;
  };

  // A failed start (e.g. the data directory is locked) stops the listener so the process can exit.
  readyPromise.catch(async (err: unknown) => {
    logger.error({ err: (err as Error).message }, 'start-up failed');
    await close().catch(() => {});
  });

  return {
    app,
    address: listenAddress,
    logger,
    shutdownTimeoutMs: () => parseDuration(loaded.config.server.shutdown_timeout) ?? 30_000,
    ready: readyPromise,
    reload,
    close,
  };
}
