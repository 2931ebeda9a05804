import type { Storage } from '@panoptes/storage';
import type { Logger } from 'pino';
import type { ScrapeConfig } from '../config/index.js';
import type { IngestStores } from '../ingest/shared-stores.js';
import { hashBytes } from '../ingest/series-ref-cache.js';
import { FileSdWatcher } from './file-sd.js';
import { compileRelabelConfigs, type CompiledRelabel } from './relabel/relabel.js';
import { ScrapeClient } from './scrape-client.js';
import { ScrapeLoop, type ScrapeJobSettings } from './scrape-loop.js';
import { resolveTargets, type DroppedTarget, type TargetGroup } from './target.js';

export interface ScrapePoolDeps {
  readonly storage: () => Storage;
  readonly stores: IngestStores;
  readonly logger: Logger;
  readonly userAgent: string;
  /** Extra delay-free start for tests: when false, loops are created but not started. */
  readonly autoStart?: boolean;
}

/** Compiled form of a job, checked before a reload is accepted. */
export interface CompiledJob {
  readonly config: ScrapeConfig;
  readonly relabel: CompiledRelabel[];
  readonly metricRelabel: CompiledRelabel[];
}

export function compileJob(job: ScrapeConfig, index: number): CompiledJob {
  return {
    config: job,
    relabel: compileRelabelConfigs(job.relabel_configs, `scrape_configs[${index}] (job ${job.job_name}).relabel_configs`),
    metricRelabel: compileRelabelConfigs(job.metric_relabel_configs, `scrape_configs[${index}] (job ${job.job_name}).metric_relabel_configs`),
  };
}

/**
 * The targets of one job: gathers target groups (static_configs and watched
 * file_sd files), resolves them, keeps one ScrapeLoop per active target and
 * stops (with stale markers) the loops of targets that went away.
 */
export class ScrapePool {
  readonly loops = new Map<string, ScrapeLoop>();
  dropped: DroppedTarget[] = [];
  private job!: CompiledJob;
  private client!: ScrapeClient;
  private settings!: ScrapeJobSettings;
  private staticGroups: TargetGroup[] = [];
  private fileSd: FileSdWatcher[] = [];
  private fileGroups: TargetGroup[][] = [];
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    job: CompiledJob,
    private readonly deps: ScrapePoolDeps,
  ) {
    this.setJob(job);
  }

  get name(): string {
    return this.job.config.job_name;
  }

  get config(): ScrapeConfig {
    return this.job.config;
  }

  private setJob(job: CompiledJob): void {
    this.client?.close();
    this.job = job;
    const c = job.config;
    this.client = new ScrapeClient(c, this.deps.userAgent);
    this.settings = {
      client: this.client,
      metricRelabel: job.metricRelabel,
      honorLabels: c.honor_labels,
      honorTimestamps: c.honor_timestamps,
      sampleLimit: c.sample_limit,
      labelLimit: c.label_limit,
      labelNameLengthLimit: c.label_name_length_limit,
      labelValueLengthLimit: c.label_value_length_limit,
      trackTimestampsStaleness: c.track_timestamps_staleness === true,
      extraScrapeMetrics: c.extra_scrape_metrics === true,
      ...(c.fallback_scrape_protocol && { fallbackProtocol: c.fallback_scrape_protocol }),
    };
    this.staticGroups = (c.static_configs ?? []).map((s, i) => ({ targets: s.targets, labels: { ...(s.labels ?? {}) }, source: `static/${i}` }));
  }

  async start(): Promise<void> {
    await this.startDiscovery();
    await this.sync();
  }

  private async startDiscovery(): Promise<void> {
    for (const w of this.fileSd) w.close();
    const configs = this.job.config.file_sd_configs ?? [];
    this.fileGroups = configs.map(() => []);
    this.fileSd = configs.map(
      (fc, i) =>
        new FileSdWatcher(
          fc,
          (groups) => {
            this.fileGroups[i] = groups;
            void this.sync();
          },
          this.deps.logger,
        ),
    );
    await Promise.all(this.fileSd.map(async (w, i) => {
      await w.start();
      this.fileGroups[i] = w.current();
    }));
  }

  /** Applies a changed job definition; loops of targets that stay keep running (and their series). */
  async update(job: CompiledJob): Promise<void> {
    const discoveryChanged = JSON.stringify(job.config.file_sd_configs ?? []) !== JSON.stringify(this.job.config.file_sd_configs ?? []);
    this.setJob(job);
    if (discoveryChanged) await this.startDiscovery();
    await this.sync();
  }

  /** Resolves the current groups and starts or stops loops to match. Serialised. */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.doSync()).catch((err: unknown) => this.deps.logger.error({ job: this.name, err: (err as Error).message }, 'scrape pool sync failed'));
    return this.syncing;
  }

  private async doSync(): Promise<void> {
    const groups = [...this.staticGroups, ...this.fileGroups.flat()];
    const { active, dropped } = resolveTargets(this.job.config, this.job.relabel, groups);
    const limit = this.job.config.target_limit;
    this.dropped = dropped;
    const wanted = new Map(active.map((t) => [t.key, t]));
    const gone: ScrapeLoop[] = [];
    for (const [key, loop] of this.loops) {
      const t = wanted.get(key);
      if (!t || t.intervalMs !== loop.target.intervalMs) {
        gone.push(loop);
        this.loops.delete(key);
      } else loop.target = t;
    }
    await Promise.all(gone.map((l) => l.stop(true)));
    if (limit > 0 && wanted.size > limit) {
      this.deps.logger.error({ job: this.name, targets: wanted.size, limit }, 'target_limit exceeded; not scraping this job');
      for (const loop of this.loops.values()) await loop.stop(true);
      this.loops.clear();
      return;
    }
    for (const [key, t] of wanted) {
      if (this.loops.has(key)) continue;
      const loop = new ScrapeLoop(t, { storage: this.deps.storage, stores: this.deps.stores, logger: this.deps.logger, settings: () => this.settings });
      this.loops.set(key, loop);
      if (this.deps.autoStart !== false) loop.start(hashBytes(Buffer.from(key), 0, Buffer.byteLength(key)));
    }
  }

  /** Stops every loop; `stale` writes stale markers (job removed), not on shutdown. */
  async stop(stale: boolean): Promise<void> {
    for (const w of this.fileSd) w.close();
    await this.syncing;
    await Promise.all([...this.loops.values()].map((l) => l.stop(stale)));
    this.loops.clear();
    this.client.close();
  }
}
