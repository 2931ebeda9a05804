import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Plugin } from '@panoptes/sdk';
import type { PanoptesConfig } from '../config/index.js';
import type { AreaContext } from '../server/area.js';
import { VERSION } from '../version.js';
import { defaultWorkspacePluginsDir, planPlugins, type PluginCandidate } from './discover.js';
import { errorCode, errorMessage, PluginHostError } from './errors.js';
import { createHostMetrics } from './host-metrics.js';
import { hostRegistry } from './host-registry.js';
import { checkManifest, importPlugin } from './load-plugin.js';
import { validatePluginConfig, type ConfigOrigin } from './plugin-config.js';
import { PluginMetricSpace } from './plugin-metrics.js';
import { promqlQuerier } from './promql-querier.js';
import { mountPluginRoutes } from './plugin-routes.js';
import type { PluginStatus } from './plugin-status.js';
import { redactConfig } from './redact.js';
import { DEFAULT_TIMINGS, PluginRuntime, type HostTimings, type RuntimeDeps } from './runtime.js';
import { mountUiBundles, uiRoot } from './ui-bundle.js';
import { guardProcess, stackMentions, stackPrefix } from './process-guard.js';

/**
 * Paths no plugin may claim as public: core's APIs, the host's own prefixes and
 * the web UI's files (registered after the plugins area, so not visible to hasRoute).
 */
const RESERVED_PREFIXES = ['/api/v1/', '/api/v2/', '/api/plugins/', '/plugins/', '/-/', '/metrics', '/federate', '/assets/', '/index.html', '/favicon.ico'];

export interface PluginHostOptions {
  /** Folder of first-party plugins; the workspace's plugins/ by default. */
  readonly workspaceDir?: string;
  readonly timings?: Partial<HostTimings>;
}

/** A plugin that could not be loaded at all: it has no runtime, only its error. */
interface LoadFailure {
  readonly candidate: Pick<PluginCandidate, 'use' | 'origin' | 'configIndex' | 'enabled'>;
  readonly plugin: Plugin | undefined;
  readonly error: PluginHostError;
  readonly at: string;
}

/**
 * The whole host for one server, in lifecycle stages: discover (planPlugins),
 * load and check (importPlugin, checkManifest), validate config, mount
 * routes, start, reconfigure on reload, stop.
 */
export class PluginHost {
  private readonly runtimes = new Map<string, PluginRuntime>();
  private failures: LoadFailure[] = [];
  private readonly publicPaths = new Map<string, string>();
  private readonly deps: RuntimeDeps;
  private readonly workspaceDir: string;
  private unguard: (() => void) | undefined;

  constructor(
    private readonly area: AreaContext,
    options: PluginHostOptions = {},
  ) {
    this.workspaceDir = options.workspaceDir ?? defaultWorkspacePluginsDir();
    const registry = hostRegistry(area);
    registry.statusSource = () => this.statuses();
    this.deps = {
      area,
      metrics: createHostMetrics(area.metrics),
      metricSpace: new PluginMetricSpace(area.metrics),
      registry,
      querier: promqlQuerier(area),
      timings: { ...DEFAULT_TIMINGS, ...options.timings },
      serverVersion: VERSION,
    };
  }

  get timings(): HostTimings {
    return this.deps.timings;
  }

  runtime(id: string): PluginRuntime | undefined {
    return this.runtimes.get(id);
  }

  /** Discovers, imports and checks every plugin of `config`. Never throws for a plugin's fault. */
  async load(config: PanoptesConfig, origin: { file: string; source: string; dir: string }): Promise<void> {
    const { candidates, unresolved } = await planPlugins({ uses: config.plugins, workspaceDir: this.workspaceDir, configDir: origin.dir });
    for (const u of unresolved) this.fail({ use: u.use, origin: 'npm', configIndex: u.configIndex, enabled: u.enabled }, undefined, u.error);
    for (const c of candidates) await this.loadOne(c, { file: origin.file, source: origin.source, index: c.configIndex }, false);
  }

  /** Mounts plugin routes, public paths and UI bundles on the area's Fastify scope. */
  mount(app: FastifyInstance): void {
    // Areas registered before this one (ingest, api, ...) already hold their routes: a public path
    // that collides with one is refused here, rather than failing the whole server at listen.
    for (const [declared, id] of [...this.publicPaths]) {
      const urls = declared.endsWith('/*') ? [declared, declared.slice(0, -2)] : [declared];
      const taken = urls.find((url) => (['GET', 'POST', 'PUT', 'DELETE'] as const).some((method) => app.hasRoute({ method, url })));
      if (taken === undefined) continue;
      for (const [p, owner] of [...this.publicPaths]) if (owner === id) this.publicPaths.delete(p);
      this.runtimes.get(id)?.markFailed('load', new PluginHostError('PNP_PLUGIN_ROUTE_CONFLICT', id, `public path ${declared} is already served by core (${taken})`, { hook: 'load' }));
      this.area.logger.error({ plugin: id, path: declared }, 'public path already served by core; plugin not started');
    }
    mountPluginRoutes(app, { runtimeById: (id) => this.runtimes.get(id), publicPaths: this.publicPaths, metrics: this.deps.metrics, routeTimeoutMs: this.deps.timings.routeTimeoutMs });
    mountUiBundles(app, (id) => this.runtimes.get(id));
  }

  /** Starts every enabled, loaded plugin; each start is contained. */
  async startAll(): Promise<void> {
    this.unguard ??= guardProcess({ claim: (err) => this.claim(err) });
    await Promise.all([...this.runtimes.values()].map((r) => r.start()));
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.runtimes.values()].map((r) => r.stop(true)));
    this.unguard?.();
    this.unguard = undefined;
  }

  /** Takes the blame for an error thrown outside any hook when a plugin's files are on its stack. */
  claim(err: unknown): boolean {
    for (const r of this.runtimes.values()) {
      if (r.state === 'disabled' || r.state === 'failed') continue;
      if (stackMentions(err, stackPrefix(r.candidate.packageDir))) {
        r.crashed(err);
        return true;
      }
    }
    return false;
  }

  /**
   * Validates the plugin configs of a config about to be applied; throws
   * PNP_PLUGIN_CONFIG listing every problem (the reload is then refused and
   * the running config kept).
   */
  async check(next: PanoptesConfig, origin: { file: string; source: string; dir: string }): Promise<void> {
    const { candidates } = await planPlugins({ uses: next.plugins, workspaceDir: this.workspaceDir, configDir: origin.dir });
    const problems: string[] = [];
    for (const c of candidates) {
      if (!c.enabled) continue;
      const plugin = this.byPackageDir(c.packageDir)?.plugin ?? (await importPlugin(c.use, c.packageDir).catch(() => undefined));
      if (!plugin) continue;
      try {
        validatePluginConfig(plugin.id, plugin.configSchema, c.config, { file: origin.file, source: origin.source, index: c.configIndex });
      } catch (err) {
        problems.push(...((err as { problems?: string[] }).problems ?? [errorMessage(err)]));
      }
    }
    if (problems.length > 0) throw Object.assign(new Error(problems.join('\n')), { code: 'PNP_PLUGIN_CONFIG', problems });
  }

  /** Applies a reloaded config: changed plugins restart, new ones load, removed ones stop. */
  async apply(next: PanoptesConfig, origin: { file: string; source: string; dir: string }): Promise<void> {
    const { candidates, unresolved } = await planPlugins({ uses: next.plugins, workspaceDir: this.workspaceDir, configDir: origin.dir });
    this.failures = [];
    for (const u of unresolved) this.fail({ use: u.use, origin: 'npm', configIndex: u.configIndex, enabled: u.enabled }, undefined, u.error);
    const seen = new Set<PluginRuntime>();
    for (const c of candidates) {
      const existing = this.byPackageDir(c.packageDir);
      const cfgOrigin: ConfigOrigin = { file: origin.file, source: origin.source, index: c.configIndex };
      if (!existing) {
        const r = await this.loadOne(c, cfgOrigin, true);
        if (r) {
          seen.add(r);
          await r.start();
        }
        continue;
      }
      seen.add(existing);
      (existing as { candidate: PluginCandidate }).candidate = { ...c, enabled: existing.candidate.enabled };
      let config: Readonly<Record<string, unknown>>;
      try {
        config = validatePluginConfig(existing.id, existing.plugin.configSchema, c.config, cfgOrigin);
      } catch (err) {
        await existing.stop();
        existing.markFailed('config', err);
        continue;
      }
      const changed = JSON.stringify(config) !== JSON.stringify(existing.config) || c.enabled !== existing.candidate.enabled || existing.state === 'failed';
      if (changed) await existing.reconfigure(c.enabled, config);
    }
    for (const r of [...this.runtimes.values()]) {
      if (seen.has(r)) continue;
      await r.stop(true);
      this.runtimes.delete(r.id);
    }
  }

  /** Every plugin the host knows, loaded or not, for the API and the CLI. */
  statuses(): PluginStatus[] {
    const out: PluginStatus[] = [];
    for (const r of this.runtimes.values()) {
      out.push({
        id: r.id,
        use: r.candidate.use,
        origin: r.candidate.origin,
        version: r.plugin.version,
        description: r.plugin.description,
        kinds: r.plugin.kinds,
        sdk: r.plugin.sdk,
        state: r.state,
        lastError: r.lastError,
        restarts: r.restarts,
        config: redactConfig(r.config, r.plugin.configSchema) as Record<string, unknown>,
        publicPaths: r.plugin.publicPaths ?? [],
        ui: uiRoot(r.plugin.uiBundle) ? `/plugins/${r.id}/` : null,
      });
    }
    for (const f of this.failures) {
      out.push({
        id: f.plugin?.id ?? f.candidate.use,
        use: f.candidate.use,
        origin: f.candidate.origin,
        version: f.plugin?.version ?? null,
        description: f.plugin?.description ?? null,
        kinds: f.plugin?.kinds ?? [],
        sdk: f.plugin?.sdk ?? null,
        state: f.candidate.enabled ? 'failed' : 'disabled',
        lastError: { code: f.error.code, message: f.error.message, hook: f.error.hook ?? 'load', at: f.at },
        restarts: 0,
        config: null,
        publicPaths: f.plugin?.publicPaths ?? [],
        ui: null,
      });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private byPackageDir(dir: string): PluginRuntime | undefined {
    return [...this.runtimes.values()].find((r) => r.candidate.packageDir === dir);
  }

  private fail(candidate: LoadFailure['candidate'], plugin: Plugin | undefined, error: PluginHostError): void {
    this.failures.push({ candidate, plugin, error, at: new Date().toISOString() });
    if (candidate.enabled) this.area.logger.error({ plugin: plugin?.id ?? candidate.use, code: error.code, err: error.message }, 'plugin not loaded');
  }

  private async loadOne(c: PluginCandidate, cfgOrigin: ConfigOrigin, reloading: boolean): Promise<PluginRuntime | undefined> {
    if (!c.enabled && c.origin !== 'workspace') {
      // Disabled third-party code is never imported: its module could have side effects.
      this.failures.push({ candidate: c, plugin: undefined, error: new PluginHostError('PNP_PLUGIN_NOT_RUNNING', c.use, 'disabled in config', { hook: 'load' }), at: new Date().toISOString() });
      return undefined;
    }
    let plugin: Plugin | undefined;
    try {
      plugin = await importPlugin(c.use, c.packageDir);
      checkManifest(plugin);
      if (this.runtimes.has(plugin.id)) {
        const other = this.runtimes.get(plugin.id)!;
        throw new PluginHostError('PNP_PLUGIN_DUPLICATE_ID', plugin.id, `${c.use} has the same id as ${other.candidate.use}; ids must be unique`, { hook: 'load' });
      }
      this.claimPublicPaths(plugin, reloading);
    } catch (err) {
      const e = err instanceof PluginHostError ? err : new PluginHostError('PNP_PLUGIN_LOAD', c.use, errorMessage(err), { cause: err, hook: 'load' });
      this.fail(c, plugin, e);
      return undefined;
    }
    let config: Readonly<Record<string, unknown>> = Object.freeze({});
    let configError: unknown;
    try {
      config = validatePluginConfig(plugin.id, plugin.configSchema, c.config, cfgOrigin);
    } catch (err) {
      configError = err;
    }
    const runtime = new PluginRuntime(plugin, c, config, this.deps);
    this.runtimes.set(plugin.id, runtime);
    if (configError !== undefined && c.enabled) {
      runtime.markFailed('config', configError);
      this.area.logger.error({ plugin: plugin.id, code: errorCode(configError), err: errorMessage(configError) }, 'plugin config invalid; plugin not started');
    }
    return runtime;
  }

  private claimPublicPaths(plugin: Plugin, reloading: boolean): void {
    for (const p of plugin.publicPaths ?? []) {
      const base = p.endsWith('/*') ? p.slice(0, -2) : p;
      const reserved = RESERVED_PREFIXES.find((r) => base === r.replace(/\/$/, '') || base.startsWith(r.endsWith('/') ? r : `${r}/`));
      if (reserved) throw new PluginHostError('PNP_PLUGIN_ROUTE_CONFLICT', plugin.id, `public path ${p} lies inside ${reserved}, which core serves`, { hook: 'load' });
      for (const [other, owner] of this.publicPaths) {
        const ob = other.endsWith('/*') ? other.slice(0, -2) : other;
        const overlap = ob === base || (other.endsWith('/*') && base.startsWith(`${ob}/`)) || (p.endsWith('/*') && ob.startsWith(`${base}/`));
        if (overlap && owner !== plugin.id) throw new PluginHostError('PNP_PLUGIN_ROUTE_CONFLICT', plugin.id, `public path ${p} overlaps ${other} of plugin ${owner}`, { hook: 'load' });
      }
    }
    if (reloading && (plugin.publicPaths ?? []).some((p) => this.publicPaths.get(p) !== plugin.id)) {
      throw new PluginHostError('PNP_PLUGIN_RESTART_REQUIRED', plugin.id, `declares public paths (${(plugin.publicPaths ?? []).join(', ')}); adding it takes effect after a server restart`, { hook: 'load' });
    }
    for (const p of plugin.publicPaths ?? []) this.publicPaths.set(p, plugin.id);
  }
}

/** Where the running config came from, for positioned messages and relative paths. */
export async function configOrigin(area: AreaContext, reread: boolean): Promise<{ file: string; source: string; dir: string }> {
  const loaded = area.loadedConfig();
  if (!loaded.file) return { file: '<defaults>', source: '', dir: process.cwd() };
  const source = reread ? await readFile(loaded.file, 'utf8').catch(() => loaded.source) : loaded.source;
  return { file: loaded.file, source, dir: path.dirname(path.resolve(loaded.file)) };
}

