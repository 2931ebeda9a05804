import { parseDuration, SdkError, type JobFunction, type JobHandle, type JobOptions, type JobScheduler } from '@panoptes/sdk';
import { PluginHostError } from './errors.js';

export type JobResult = 'success' | 'error' | 'timeout' | 'skipped';

export interface JobSchedulerOptions {
  readonly pluginId: string;
  /** The plugin's stop signal: aborting it cancels every job and aborts running ones. */
  readonly signal: AbortSignal;
  /** Reports each run's outcome. `seconds` is 0 for skipped ticks. */
  readonly onResult: (job: string, result: JobResult, seconds: number, error?: unknown) => void;
  /** Picks jitter offsets in [0, 1); Math.random by default. */
  readonly random?: () => number;
}

/** A JobScheduler plus what the host needs to wait for running jobs at stop. */
export interface HostJobScheduler extends JobScheduler {
  /** Promises of runs still going (even past their timeout). */
  inFlight(): Promise<void>[];
}

/**
 * Real-time job scheduling for one plugin start.
 *
 * Ticks follow a fixed grid (start + offset + k × interval), so a slow run
 * does not shift later ones; a tick that finds the previous run still going
 * is skipped, never queued. A run past its timeout is reported at once and
 * its signal aborted; it keeps counting as running until it settles, so a
 * hung job cannot pile up copies of itself. Timers are unref'd: jobs never
 * keep the process alive on their own.
 */
export function createJobScheduler(opts: JobSchedulerOptions): HostJobScheduler {
  const names = new Set<string>();
  const running = new Set<Promise<void>>();
  const random = opts.random ?? Math.random;

  const every = (o: JobOptions, run: JobFunction): JobHandle => {
    if (opts.signal.aborted) throw new SdkError('PNP_SDK_STOPPED', `plugin ${opts.pluginId} is stopped; job ${String(o?.name)} refused`);
    if (typeof o?.name !== 'string' || o.name === '') throw new SdkError('PNP_SDK_JOB', 'a job needs a name');
    if (names.has(o.name)) throw new SdkError('PNP_SDK_JOB', `job ${o.name} is already scheduled`);
    if (typeof run !== 'function') throw new SdkError('PNP_SDK_JOB', `job ${o.name}: expected a function to run`);
    const interval = parseDuration(o.interval);
    const timeout = o.timeout === undefined ? interval : parseDuration(o.timeout);
    const jitter = o.jitter ?? 0.1;
    if (!(interval > 0)) throw new SdkError('PNP_SDK_JOB', `job ${o.name}: interval must be > 0`);
    if (!(timeout > 0)) throw new SdkError('PNP_SDK_JOB', `job ${o.name}: timeout must be > 0`);
    if (!(jitter >= 0 && jitter <= 1)) throw new SdkError('PNP_SDK_JOB', `job ${o.name}: jitter ${jitter} is not in [0, 1]`);
    names.add(o.name);

    const origin = Date.now() + Math.floor(random() * jitter * interval);
    let tick = 0;
    let current: Promise<void> | undefined;
    let timer: NodeJS.Timeout | undefined;
    let cancelled = false;

    const fire = (): void => {
      if (cancelled) return;
      if (current) opts.onResult(o.name, 'skipped', 0);
      else execute();
      schedule();
    };
    const schedule = (): void => {
      if (cancelled) return;
      const now = Date.now();
      tick = Math.max(tick + 1, Math.ceil((now - origin) / interval));
      timer = setTimeout(fire, Math.max(0, origin + tick * interval - now));
      timer.unref();
    };
    const execute = (): void => {
      const ctl = new AbortController();
      const onStop = (): void => ctl.abort(opts.signal.reason);
      opts.signal.addEventListener('abort', onStop, { once: true });
      const started = performance.now();
      let timedOut = false;
      const timeoutTimer = setTimeout(() => {
        timedOut = true;
        const err = new PluginHostError('PNP_PLUGIN_TIMEOUT', opts.pluginId, `job ${o.name} did not finish within ${timeout} ms; its signal was aborted`, { hook: 'job' });
        ctl.abort(err);
        opts.onResult(o.name, 'timeout', (performance.now() - started) / 1000, err);
      }, timeout);
      timeoutTimer.unref();
      const p = Promise.resolve()
        .then(() => run(ctl.signal))
        .then(
          () => {
            if (!timedOut) opts.onResult(o.name, 'success', (performance.now() - started) / 1000);
          },
          (err: unknown) => {
            if (!timedOut && !opts.signal.aborted) opts.onResult(o.name, 'error', (performance.now() - started) / 1000, err);
          },
        )
        .finally(() => {
          clearTimeout(timeoutTimer);
          opts.signal.removeEventListener('abort', onStop);
          running.delete(p);
          current = undefined;
        });
      current = p;
      running.add(p);
    };
    const cancel = (): void => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      names.delete(o.name);
    };
    opts.signal.addEventListener('abort', cancel, { once: true });
    timer = setTimeout(fire, Math.max(0, origin - Date.now()));
    timer.unref();
    return { name: o.name, cancel };
  };

  return { every, inFlight: () => [...running] };
}
