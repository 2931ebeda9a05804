import path from 'node:path';
import { parseDuration } from './duration.js';

type Raw = Record<string, any>;

/**
 * Completes a schema-valid config in place: jobs inherit scrape_interval and
 * scrape_timeout from `global` (the timeout capped at the job's interval, as
 * Prometheus does), and relative file paths are resolved against the
 * directory of the config file, as Prometheus' SetDirectory does.
 */
export function normalizeConfig(raw: Raw, baseDir: string): void {
  const g = raw.global;
  for (const job of raw.scrape_configs as Raw[]) {
    job.scrape_interval ??= g.scrape_interval;
    if (job.scrape_timeout === undefined) {
      const interval = parseDuration(job.scrape_interval)!;
      const globalTimeout = parseDuration(g.scrape_timeout)!;
      job.scrape_timeout = globalTimeout > interval ? job.scrape_interval : g.scrape_timeout;
    }
    resolveFiles(job, baseDir);
    for (const sd of (job.file_sd_configs ?? []) as Raw[]) {
      sd.files = sd.files.map((f: string) => path.resolve(baseDir, f));
    }
  }
  raw.rule_files = (raw.rule_files as string[]).map((f) => path.resolve(baseDir, f));
}

const FILE_KEYS = new Set(['bearer_token_file', 'password_file', 'username_file', 'credentials_file', 'ca_file', 'cert_file', 'key_file']);

function resolveFiles(node: unknown, baseDir: string): void {
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Raw)) {
    if (typeof value === 'string' && FILE_KEYS.has(key)) (node as Raw)[key] = path.resolve(baseDir, value);
    else if (typeof value === 'object' && key !== 'static_configs') resolveFiles(value, baseDir);
  }
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}
