import type { Label } from '@panoptes/storage';
import { parseDuration, type ScrapeConfig } from '../config/index.js';
import { relabel, toSortedLabels, type CompiledRelabel } from './relabel/relabel.js';

/** A group of targets from one discovery source (a static_configs entry, or one entry of a file_sd file). */
export interface TargetGroup {
  readonly targets: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  /** Where it came from, e.g. `static/0` or the file path with its index. */
  readonly source: string;
}

/** A target after relabeling: what gets scraped and which labels its series carry. */
export interface ResolvedTarget {
  /** Labels before relabeling (`__address__`, `__meta_*`, ...), as /api/v1/targets shows them. */
  readonly discoveredLabels: Record<string, string>;
  /** Labels every scraped series gets (`job`, `instance`, ...), sorted, no `__` labels. */
  readonly labels: Label[];
  readonly url: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Stable identity: same job, URL and labels mean the same target across reloads. */
  readonly key: string;
}

export interface DroppedTarget {
  readonly discoveredLabels: Record<string, string>;
}

/**
 * Turns discovered targets into scrape targets the way Prometheus'
 * PopulateLabels does: add the job's defaults (`job`, `__scheme__`,
 * `__metrics_path__`, `__scrape_interval__`, `__scrape_timeout__`,
 * `__param_*`), run relabel_configs, default `instance` to `__address__`,
 * build the URL from the `__` labels, then drop every `__` label.
 */
export function resolveTargets(job: ScrapeConfig, relabelSteps: readonly CompiledRelabel[], groups: readonly TargetGroup[]): { active: ResolvedTarget[]; dropped: DroppedTarget[] } {
  const active: ResolvedTarget[] = [];
  const dropped: DroppedTarget[] = [];
  const seen = new Set<string>();
  for (const group of groups) {
    for (const address of group.targets) {
      const base = new Map<string, string>(Object.entries(group.labels));
      base.set('__address__', address);
      const defaults: [string, string][] = [
        ['job', job.job_name],
        ['__scheme__', job.scheme],
        ['__metrics_path__', job.metrics_path],
        ['__scrape_interval__', job.scrape_interval],
        ['__scrape_timeout__', job.scrape_timeout],
      ];
      for (const [name, values] of Object.entries(job.params ?? {})) if (values[0] !== undefined) defaults.push([`__param_${name}`, values[0]]);
      for (const [k, v] of defaults) if (!base.has(k)) base.set(k, v);
      const discoveredLabels = Object.fromEntries(base);
      const labels = new Map(base);
      if (!relabel(labels, relabelSteps) || !labels.get('__address__')) {
        dropped.push({ discoveredLabels });
        continue;
      }
      const addr = labels.get('__address__')!;
      if (!labels.has('instance')) labels.set('instance', addr);
      const intervalMs = parseDuration(labels.get('__scrape_interval__') ?? '') ?? parseDuration(job.scrape_interval)!;
      const timeoutMs = Math.min(parseDuration(labels.get('__scrape_timeout__') ?? '') ?? parseDuration(job.scrape_timeout)!, intervalMs);
      const url = buildUrl(labels, job);
      for (const name of [...labels.keys()]) if (name.startsWith('__')) labels.delete(name);
      const sorted = toSortedLabels(labels);
      const key = `${url}\u0000${sorted.map((l) => `${l.name}=${l.value}`).join('\u0001')}`;
      // Two discovered targets that end up identical are scraped once.
      if (seen.has(key)) continue;
      seen.add(key);
      active.push({ discoveredLabels, labels: sorted, url, intervalMs, timeoutMs, key });
    }
  }
  return { active, dropped };
}

function buildUrl(labels: Map<string, string>, job: ScrapeConfig): string {
  const scheme = labels.get('__scheme__') || job.scheme;
  let path = labels.get('__metrics_path__') || job.metrics_path;
  if (!path.startsWith('/')) path = `/${path}`;
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(job.params ?? {})) for (const v of values) params.append(name, v);
  // __param_<name> labels override the first value of that parameter.
  for (const [name, value] of labels) {
    if (!name.startsWith('__param_')) continue;
    const p = name.slice('__param_'.length);
    const rest = (job.params?.[p] ?? []).slice(1);
    params.delete(p);
    params.append(p, value);
    for (const v of rest) params.append(p, v);
  }
  const query = params.toString();
  return `${scheme}://${labels.get('__address__')}${path}${query ? `?${query}` : ''}`;
}
