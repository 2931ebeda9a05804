/** One thing wrong with a configuration file, located as precisely as the YAML allows. */
export interface ConfigProblem {
  /** File name as the user gave it. */
  readonly file: string;
  /** 1-based line and column; 0 when the problem has no place in the file. */
  readonly line: number;
  readonly column: number;
  /** Field path such as `scrape_configs[0].scrape_interval`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return p.path === '' ? `${where}: ${p.message}` : `${where}: ${p.path}: ${p.message}`;
}

/** The configuration is invalid; `problems` lists every problem found, in file order. */
export class ConfigError extends Error {
  readonly code = 'PNP_CONFIG_INVALID';
  constructor(readonly problems: readonly ConfigProblem[], options?: { cause?: unknown }) {
    super(problems.map(formatProblem).join('\n'), options);
    this.name = 'ConfigError';
  }
}

/** The configuration file could not be read at all. */
export class ConfigReadError extends Error {
  readonly code = 'PNP_CONFIG_READ';
  constructor(readonly file: string, options: { cause: unknown }) {
    super(`${file}: cannot read: ${(options.cause as Error).message}`, options);
    this.name = 'ConfigReadError';
  }
}
