import type { Detector, Notifier } from '@panoptes/sdk';
import { describeAjvError } from '../config/validator.js';
import { formatPath, pointerToPath } from '../config/source-map.js';
import { PluginHostError } from './errors.js';
import type { HostDetector, HostNotifier } from './host-registry.js';
import { compilePluginSchema } from './plugin-config.js';
import { withTimeout, type HostTimings, type PluginRuntime } from './runtime.js';

/** Wraps a plugin's notifier for core: config checks, a timeout, and failures recorded on the plugin. */
export function hostNotifier(runtime: PluginRuntime, n: Notifier<unknown>, timings: HostTimings): HostNotifier {
  const id = runtime.id;
  return {
    pluginId: id,
    type: n.type,
    checkConfig(config, where) {
      const validate = compilePluginSchema(id, n.configSchema ?? { type: 'object' });
      const copy: unknown = structuredClone(config ?? {});
      if (validate(copy)) return { config: Object.freeze(copy as Record<string, unknown>) };
      const problems = (validate.errors ?? []).map((e) => {
        const p = pointerToPath(e.instancePath, copy);
        const params = e.params as Record<string, unknown>;
        const field = e.keyword === 'additionalProperties' ? [...p, String(params.additionalProperty)] : e.keyword === 'required' ? [...p, String(params.missingProperty)] : p;
        const msg = e.keyword === 'additionalProperties' ? 'unknown field' : e.keyword === 'required' ? 'missing required field' : describeAjvError(e, valueAt(copy, p));
        const f = formatPath(field);
        return `${where}${f === '' ? '' : `.${f}`}: ${msg} (${n.type} notifier of plugin ${id})`;
      });
      return { problems };
    },
    async notify(group, config, options = {}) {
      if (runtime.state !== 'running') throw new PluginHostError('PNP_PLUGIN_NOT_RUNNING', id, `is ${runtime.state}; cannot deliver to ${group.receiver}`, { hook: 'notify' });
      const ctl = new AbortController();
      const outer = options.signal;
      const onAbort = (): void => ctl.abort(outer?.reason);
      outer?.addEventListener('abort', onAbort, { once: true });
      try {
        await withTimeout(
          Promise.resolve().then(() => n.notify(group, config, { signal: ctl.signal })),
          timings.notifyTimeoutMs,
          () => {
            const err = new PluginHostError('PNP_PLUGIN_TIMEOUT', id, `${n.type} notify did not finish within ${timings.notifyTimeoutMs} ms`, { hook: 'notify' });
            ctl.abort(err);
            return err;
          },
        );
        runtime.recordSuccess();
      } catch (cause) {
        const err = cause instanceof PluginHostError ? cause : new PluginHostError('PNP_PLUGIN_HOOK_FAILED', id, `${n.type} notify for receiver ${group.receiver} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause, hook: 'notify' });
        // The alerting pipeline retries unless told not to; keep the notifier's verdict (e.g. HTTP 4xx is final).
        const retryable = (cause as { retryable?: unknown } | null)?.retryable;
        if (typeof retryable === 'boolean') Object.assign(err, { retryable });
        // A receiver that is down is not the plugin's fault: recorded, never a restart.
        runtime.recordFailure('notify', err, 'downstream');
        throw err;
      } finally {
        outer?.removeEventListener('abort', onAbort);
      }
    },
  };
}

/** Wraps a plugin's detector for core, recording failures on the plugin. */
export function hostDetector(runtime: PluginRuntime, d: Detector<unknown>): HostDetector {
  return {
    pluginId: runtime.id,
    name: d.name,
    description: d.description,
    async detect(input) {
      if (runtime.state !== 'running') throw new PluginHostError('PNP_PLUGIN_NOT_RUNNING', runtime.id, `is ${runtime.state}; detector ${d.name} unavailable`, { hook: 'detect' });
      try {
        const scores = await d.detect(input);
        if (!Array.isArray(scores) || scores.length !== input.points.length) {
          throw new Error(`returned ${Array.isArray(scores) ? scores.length : typeof scores} scores for ${input.points.length} points`);
        }
        return scores;
      } catch (cause) {
        const err = new PluginHostError('PNP_PLUGIN_HOOK_FAILED', runtime.id, `detector ${d.name}: ${(cause as Error)?.message ?? String(cause)}`, { cause, hook: 'detect' });
        runtime.recordFailure('detect', err);
        throw err;
      }
    },
  };
}

function valueAt(root: unknown, p: readonly (string | number)[]): unknown {
  let c = root;
  for (const s of p) c = (c as Record<string | number, unknown> | undefined)?.[s];
  return c;
}
