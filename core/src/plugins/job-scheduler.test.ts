import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createJobScheduler, type JobResult } from './job-scheduler.js';

describe('job scheduler', () => {
  let results: [string, JobResult, unknown][];
  let stop: AbortController;
  const scheduler = (random = () => 0) =>
    createJobScheduler({ pluginId: 'p', signal: stop.signal, random, onResult: (job, result, _s, err) => void results.push([job, result, err]) });

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    results = [];
    stop = new AbortController();
  });
  afterEach(() => {
    stop.abort();
    vi.useRealTimers();
  });

  it('runs on a fixed grid after a jitter offset chosen once', async () => {
    const runs: number[] = [];
    scheduler(() => 0.5).every({ name: 'j', interval: 1000, jitter: 0.2 }, () => void runs.push(Date.now()));
    await vi.advanceTimersByTimeAsync(3500);
    // Offset 0.5 × 0.2 × 1000 = 100 ms, then every second.
    expect(runs).toEqual([1_000_100, 1_001_100, 1_002_100, 1_003_100]);
    expect(results.every(([, r]) => r === 'success')).toBe(true);
  });

  it('skips ticks while a run is still going, never overlapping', async () => {
    let running = 0;
    let maxRunning = 0;
    scheduler().every({ name: 'slow', interval: 100, timeout: 10_000 }, async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 250));
      running--;
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(maxRunning).toBe(1);
    expect(results.filter(([, r]) => r === 'skipped').length).toBeGreaterThan(0);
    expect(results.filter(([, r]) => r === 'success').length).toBeGreaterThan(1);
  });

  it('aborts a run past its timeout and reports it at once', async () => {
    let aborted: unknown;
    scheduler().every({ name: 'hang', interval: 10_000, timeout: 500 }, (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => ((aborted = signal.reason), resolve()))));
    await vi.advanceTimersByTimeAsync(600);
    expect(results[0]?.[1]).toBe('timeout');
    expect(aborted).toMatchObject({ code: 'PNP_PLUGIN_TIMEOUT' });
  });

  it('reports errors and keeps the schedule', async () => {
    scheduler().every({ name: 'bad', interval: 100 }, () => {
      throw new Error('nope');
    });
    await vi.advanceTimersByTimeAsync(250);
    expect(results.map(([, r]) => r)).toEqual(['error', 'error', 'error']);
  });

  it('stops everything when the plugin signal aborts', async () => {
    let signalSeen: AbortSignal | undefined;
    const s = scheduler();
    s.every({ name: 'j', interval: 100, timeout: 10_000 }, (signal) => {
      signalSeen = signal;
      return new Promise<void>(() => {});
    });
    await vi.advanceTimersByTimeAsync(1);
    expect(s.inFlight()).toHaveLength(1);
    stop.abort();
    expect(signalSeen?.aborted).toBe(true);
    const before = results.length;
    await vi.advanceTimersByTimeAsync(1000);
    expect(results.length).toBe(before);
    expect(() => s.every({ name: 'late', interval: 100 }, () => {})).toThrow(expect.objectContaining({ code: 'PNP_SDK_STOPPED' }));
  });

  it.each([
    [{ name: 'x', interval: 0 }, 'interval must be > 0'],
    [{ name: 'x', interval: '15x' }, 'is not a duration'],
    [{ name: 'x', interval: 10, jitter: 2 }, 'jitter 2 is not in [0, 1]'],
  ])('refuses bad job options %j', (o, msg) => {
    expect(() => scheduler().every(o, () => {})).toThrow(msg);
  });
});
