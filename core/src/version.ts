import { readFileSync } from 'node:fs';

/** Build information, as /api/v1/status/buildinfo and `--version` show it. */
export interface BuildInfo {
  readonly version: string;
  readonly revision: string;
  readonly branch: string;
  readonly buildUser: string;
  readonly buildDate: string;
  readonly goVersion: string;
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const VERSION: string = pkg.version;

export function buildInfo(): BuildInfo {
  return {
    version: VERSION,
    revision: process.env.PANOPTES_REVISION ?? 'unknown',
    branch: process.env.PANOPTES_BRANCH ?? 'unknown',
    buildUser: 'panoptes',
    buildDate: 'unknown',
    // Grafana and other clients read this key; we report the runtime instead of Go.
    goVersion: `node${process.versions.node}`,
  };
}
