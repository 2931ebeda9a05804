import type { Storage } from '@panoptes/storage';
import type { Logger } from 'pino';
import type { PanoptesConfig } from '../config/index.js';
import type { IngestStores } from '../ingest/shared-stores.js';
import { compileJob, ScrapePool, type CompiledJob } from './scrape-pool.js';

/**
 * All scrape jobs: one pool per `scrape_configs` entry. `check` compiles a
 * new config (bad relabel regexes refuse the reload); `apply` starts new
 * jobs, updates changed ones in place and stops removed ones with stale
 * markers.
 */
export class ScrapeManager {
  readonly pools = new Map<string, ScrapePool>();
  private started = false;

  constructor(
    private readonly deps: { storage: () => Storage; stores: IngestStores; logger: Logger; userAgent: string; autoStart?: boolean },
  ) {}

  /** Throws with a message naming the job and step when the config cannot be applied. */
  check(config: PanoptesConfig): CompiledJob[] {
    return config.scrape_configs.map((job, i) => compileJob(job, i));
  }

  async apply(config: PanoptesConfig): Promise<void> {
    const jobs = this.check(config);
    const names = new Set(jobs.map((j) => j.config.job_name));
    for (const [name, pool] of this.pools) {
      if (!names.has(name)) {
        this.pools.delete(name);
        await pool.stop(true);
      }
    }
    for (const job of jobs) {
      const pool = this.pools.get(job.config.job_name);
      if (!pool) {
        const created = new ScrapePool(job, this.deps);
        this.pools.set(job.config.job_name, created);
        await created.start();
      } else if (JSON.stringify(pool.config) !== JSON.stringify(job.config)) {
        await pool.update(job);
      }
    }
    this.started = true;
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Stops everything without stale markers (the server is shutting down; staleness comes from the lookback). */
  async stop(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.stop(false)));
    this.pools.clear();
  }
}
