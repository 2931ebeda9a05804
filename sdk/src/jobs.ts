/** A scheduled job's body. Stop work promptly once `signal` aborts. */
export type JobFunction = (signal: AbortSignal) => Promise<void> | void;

/** How a job is scheduled. */
export interface JobOptions {
  /** Unique within the plugin; labels the job's metrics (`panoptes_plugin_jobs_total{plugin,job}`). */
  readonly name: string;
  /** Time between runs: milliseconds or a duration string (`15s`). Must be > 0. */
  readonly interval: number | string;
  /**
   * Spreads the first run over `[0, jitter × interval)` so plugins started
   * together do not all fire at once; later runs keep that offset. A
   * fraction in [0, 1]; 0.1 when left out.
   */
  readonly jitter?: number;
  /** Longest a run may take before its signal aborts: ms or a duration string. The interval when left out. */
  readonly timeout?: number | string;
}

/** A scheduled job. */
export interface JobHandle {
  readonly name: string;
  /** Stops scheduling new runs and aborts the running one. */
  cancel(): void;
}

/**
 * Runs functions on a schedule.
 *
 * Contract: runs of one job never overlap; a tick that comes while the
 * previous run is still going is skipped. A run that throws or passes its
 * timeout is recorded (the plugin's last error, `panoptes_plugin_job_errors_total`)
 * and the schedule goes on. When the plugin stops, every job's signal aborts
 * and no new run starts. Repeated failures of the plugin's own making make
 * the host restart the plugin with backoff.
 */
export interface JobScheduler {
  every(options: JobOptions, run: JobFunction): JobHandle;
}
