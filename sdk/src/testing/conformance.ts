import type { Plugin } from '../define-plugin.js';
import { manifestProblems } from '../manifest.js';
import { createTestHarness, type HarnessOptions } from './harness.js';

/**
 * Checks that a plugin behaves as the host expects, with no server, and
 * returns every problem found (empty when it conforms):
 *
 * - the manifest is valid;
 * - `start` resolves and registers only what its kinds allow;
 * - after `stop`, no job runs and nothing more is appended;
 * - it can be started again after a stop (the host restarts plugins) and
 *   registers the same jobs, routes, notifiers and detectors;
 * - jobs that ran did not throw.
 *
 * Use it in your own tests: `expect(await checkPluginConformance(plugin)).toEqual([])`.
 */
export async function checkPluginConformance<Config>(plugin: Plugin<Config>, options: HarnessOptions<Config> & { runFor?: number | string } = {}): Promise<string[]> {
  const problems = manifestProblems(plugin as unknown as Record<string, unknown>);
  const h = createTestHarness(plugin, options);
  const step = options.runFor ?? '1m';
  try {
    await h.start();
  } catch (err) {
    return [...problems, `start rejected: ${(err as Error).message}`];
  }
  const first = h.registered();
  await h.advance(step);
  for (const e of h.jobErrors) problems.push(`job ${e.job} threw: ${(e.error as Error)?.message ?? String(e.error)}`);
  try {
    await h.stop();
  } catch (err) {
    problems.push(`stop rejected: ${(err as Error).message}`);
  }
  const samplesAtStop = h.samples.length;
  await h.advance(step);
  if (h.samples.length !== samplesAtStop) problems.push(`${h.samples.length - samplesAtStop} samples were appended after stop`);
  try {
    await h.start();
    const again = h.registered();
    if (JSON.stringify(again) !== JSON.stringify(first)) problems.push(`a second start registered ${JSON.stringify(again)}, the first ${JSON.stringify(first)}`);
    await h.stop();
  } catch (err) {
    problems.push(`start after stop rejected: ${(err as Error).message}`);
  }
  return problems;
}
