import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Storage } from '@panoptes/storage';
import type { LoadedConfig, PanoptesConfig } from '../config/index.js';

/**
 * What core hands each area (api, ingest, scrape, rules, alerting, plugins,
 * ui). Areas are encapsulated Fastify plugins: routes and hooks they add stay
 * inside their own context.
 *
 * Lifecycle: the HTTP listener starts before storage is open (so /-/healthy
 * and /-/ready answer during WAL replay); until then every other route
 * answers 503. Areas therefore touch `storage` only inside handlers and in
 * `onReady` callbacks, never while registering.
 */
export interface AreaContext {
  /** The storage engine; throws PNP_SERVER_NOT_READY before it is open. */
  readonly storage: Storage;
  /** The configuration in force now (it changes on reload). */
  config(): PanoptesConfig;
  /** The loaded file, with its source text, for /api/v1/status/config. */
  loadedConfig(): LoadedConfig;
  /** The address the server listens on, e.g. `127.0.0.1:9410`. */
  readonly listenAddress: string;
  /** Absolute data directory. */
  readonly dataDir: string;
  /** The server's own metrics registry (served at /metrics). */
  readonly metrics: Registry;
  readonly logger: Logger;
  /** When the process started, ms since the epoch. */
  readonly startTime: number;
  /** Command-line flags as given, for /api/v1/status/flags. */
  readonly flags: Readonly<Record<string, string>>;
  /** Runs once storage is open and recovery done, before /-/ready turns 200. */
  onReady(fn: () => Promise<void> | void): void;
  /**
   * Vets a new configuration before it is applied; throw (with a message
   * naming the file and problem) to refuse the reload and keep the old config.
   */
  onConfigCheck(fn: (next: PanoptesConfig) => Promise<void> | void): void;
  /** Applies a configuration that passed every check. */
  onConfigApply(fn: (next: PanoptesConfig) => Promise<void> | void): void;
  /** Runs at shutdown after the listener stopped accepting and in-flight requests finished, before storage closes. */
  onShutdown(fn: () => Promise<void> | void): void;
}

/** An area of core: an encapsulated Fastify plugin taking the context. */
export type Area = (app: FastifyInstance, ctx: AreaContext) => Promise<void>;

export interface AreaEntry {
  readonly name: string;
  readonly area: Area;
}
