import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { parse as parseYaml } from 'yaml';
import { parseDuration, type FileSdConfig } from '../config/index.js';
import { ScrapeError } from './errors.js';
import type { TargetGroup } from './target.js';

/** Prometheus allows a glob only in the last path component: `dir/*.json`. */
function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

async function expandPattern(pattern: string): Promise<string[]> {
  const base = path.basename(pattern);
  if (!/[*?]/.test(base)) return [pattern];
  const dir = path.dirname(pattern);
  const re = globToRegExp(base);
  try {
    return (await readdir(dir)).filter((f) => re.test(f)).sort().map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** Reads one file_sd file: a JSON or YAML list of `{targets: [...], labels: {...}}`. */
export async function readFileSdFile(file: string): Promise<TargetGroup[]> {
  const text = await readFile(file, 'utf8');
  const ext = path.extname(file).toLowerCase();
  let data: unknown;
  try {
    data = ext === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ScrapeError('PNP_SCRAPE_FILE_SD', `${file}: not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message}`, { cause: err });
  }
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) throw new ScrapeError('PNP_SCRAPE_FILE_SD', `${file}: expected a list of target groups`);
  return data.map((g: unknown, i): TargetGroup => {
    const group = g as { targets?: unknown; labels?: unknown };
    if (!Array.isArray(group?.targets) || !group.targets.every((t) => typeof t === 'string')) {
      throw new ScrapeError('PNP_SCRAPE_FILE_SD', `${file}: group ${i}: "targets" must be a list of host:port strings`);
    }
    const labels: Record<string, string> = {};
    if (group.labels !== undefined) {
      if (typeof group.labels !== 'object' || group.labels === null) throw new ScrapeError('PNP_SCRAPE_FILE_SD', `${file}: group ${i}: "labels" must be a map`);
      for (const [k, v] of Object.entries(group.labels)) {
        if (typeof v !== 'string') throw new ScrapeError('PNP_SCRAPE_FILE_SD', `${file}: group ${i}: label ${k} must be a string`);
        labels[k] = v;
      }
    }
    labels.__meta_filepath = file;
    return { targets: group.targets as string[], labels, source: `${file}:${i}` };
  });
}

/**
 * Watches the files of one `file_sd_configs` entry: reads them at start,
 * again whenever their directory changes (fs.watch, debounced) and every
 * `refresh_interval` as a safety net. A file that fails to read or parse
 * keeps its last good groups, as Prometheus does, and the error is logged.
 */
export class FileSdWatcher {
  private readonly groups = new Map<string, TargetGroup[]>();
  private watchers: FSWatcher[] = [];
  private interval: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly config: FileSdConfig,
    private readonly onChange: (groups: TargetGroup[]) => void,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    for (const dir of new Set(this.config.files.map((f) => path.dirname(f)))) {
      try {
        const w = watch(dir, () => this.schedule());
        w.on('error', () => {});
        this.watchers.push(w);
      } catch (err) {
        this.logger.warn({ dir, err: (err as Error).message }, 'file_sd: cannot watch directory; relying on refresh_interval');
      }
    }
    const every = parseDuration(this.config.refresh_interval) ?? 300_000;
    this.interval = setInterval(() => this.schedule(), every);
  }

  private schedule(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), 100);
  }

  /** Re-reads every file and reports the groups if anything changed. */
  async refresh(): Promise<void> {
    if (this.closed) return;
    const files = (await Promise.all(this.config.files.map(expandPattern))).flat();
    let changed = false;
    for (const known of [...this.groups.keys()]) {
      if (!files.includes(known)) {
        this.groups.delete(known);
        changed = true;
      }
    }
    for (const file of files) {
      try {
        const next = await readFileSdFile(file);
        if (JSON.stringify(next) !== JSON.stringify(this.groups.get(file))) {
          this.groups.set(file, next);
          changed = true;
        }
      } catch (err) {
        if ((err as { code?: string }).code === 'ENOENT') {
          if (this.groups.delete(file)) changed = true;
          continue;
        }
        this.logger.error({ file, err: (err as Error).message }, 'file_sd: cannot read file; keeping its previous targets');
      }
    }
    if (changed && !this.closed) this.onChange(this.current());
  }

  current(): TargetGroup[] {
    return [...this.groups.values()].flat();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.interval);
    clearTimeout(this.debounce);
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}
