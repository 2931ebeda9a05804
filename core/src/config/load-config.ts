import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError, ConfigReadError, type ConfigProblem } from './errors.js';
import { deepFreeze, normalizeConfig } from './normalize.js';
import { expandEnvRefs } from './secrets.js';
import { semanticChecks } from './semantic-checks.js';
import { schemaProblems } from './schema-problems.js';
import { formatPath, SourceMap, type FieldPath } from './source-map.js';
import type { PanoptesConfig } from './types.js';
import { configValidator } from './validator.js';

/** A validated configuration and where it came from. */
export interface LoadedConfig {
  readonly config: PanoptesConfig;
  /** The file it was read from; undefined for the embedded defaults. */
  readonly file: string | undefined;
  /** The YAML text as read (secrets not expanded), for /api/v1/status/config. */
  readonly source: string;
}

export interface ParseOptions {
  /** Name shown in messages, e.g. `panoptes.yml`. */
  readonly file: string;
  /** Directory relative paths in the config are resolved against. */
  readonly baseDir: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Reads and validates a config file. Throws ConfigReadError or ConfigError listing every problem. */
export async function loadConfigFile(file: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new ConfigReadError(file, { cause });
  }
  const config = parseConfig(text, { file, baseDir: path.dirname(path.resolve(file)), env });
  return { config, file, source: text };
}

/** The embedded defaults: what `panoptes serve` runs on without a config file. */
export function defaultConfig(): LoadedConfig {
  const config = parseConfig('', { file: '<defaults>', baseDir: process.cwd(), env: {} });
  return { config, file: undefined, source: '' };
}

/** Validates config text. Throws ConfigError with every problem, each with line, column and field. */
export function parseConfig(text: string, options: ParseOptions): PanoptesConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const map = new SourceMap(doc, lines);
  const problems: ConfigProblem[] = [];
  const at = (pos: { line: number; column: number }, fieldPath: FieldPath, message: string): void => {
    problems.push({ file: options.file, line: pos.line, column: pos.column, path: formatPath(fieldPath), message });
  };

  for (const err of doc.errors) {
    at(map.offsetPos(err.pos[0]), [], `invalid YAML: ${err.message.split('\n')[0]}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const raw: unknown = doc.toJS() ?? {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    at(map.valuePos([]), [], 'the top level must be a mapping of sections (global, server, scrape_configs, ...)');
    throw new ConfigError(problems);
  }

  for (const p of expandEnvRefs(raw, options.env ?? process.env)) at(map.valuePos(p.path), p.path, p.message);

  const validate = configValidator();
  if (!validate(raw)) {
    for (const p of schemaProblems(validate.errors ?? [], raw, map)) at(p.pos ?? { line: 0, column: 0 }, p.path, p.message);
  } else {
    for (const p of semanticChecks(raw as Record<string, unknown>)) at(map.valuePos(p.path), p.path, p.message);
  }

  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new ConfigError(dedupe(problems));
  }
  normalizeConfig(raw as Record<string, unknown>, options.baseDir);
  return deepFreeze(raw as PanoptesConfig);
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.path}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
