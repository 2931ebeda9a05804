/**
 * A plugin's manifest: what the host reads before running any of its code.
 * It is plain data, validated by {@link manifestJsonSchema}.
 */

/**
 * What a plugin does. The host offers a capability only to the kinds that
 * need it (notifier registration to `notifier`, detector registration to
 * `detector`); a plugin may have several kinds.
 *
 * - `collector`: produces samples on a schedule.
 * - `notifier`: delivers alert notification groups.
 * - `detector`: turns a series into an anomaly score series.
 * - `ingest`: owns protocol endpoints (public paths) and writes samples.
 * - `tracing`: owns trace endpoints and a keyspace.
 * - `reporter`: builds scheduled reports.
 */
export type PluginKind = 'collector' | 'notifier' | 'detector' | 'ingest' | 'tracing' | 'reporter';

/** Every kind, in a stable order. */
export const PLUGIN_KINDS: readonly PluginKind[] = Object.freeze(['collector', 'notifier', 'detector', 'ingest', 'tracing', 'reporter']);

/** A JSON Schema (draft-07 vocabulary) as a plain object. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** The manifest fields of a plugin definition. */
export interface PluginManifest {
  /** Lowercase letters, digits and dashes, starting with a letter, kind first by convention (`collector-host`). Stable forever: it names routes, metrics and the store. */
  readonly id: string;
  /** The plugin's own version, semver (`1.4.2`). */
  readonly version: string;
  /** The SDK versions the plugin works with, a semver range (`^1.0.0`). The host refuses the plugin when its SDK version is outside it. */
  readonly sdk: string;
  /** What the plugin does; at least one. */
  readonly kinds: readonly PluginKind[];
  /** One sentence for `panoptes plugin list` and the UI. */
  readonly description: string;
  /**
   * JSON Schema of the plugin's `config`. The host validates the user's
   * config against it (filling in `default`s) and reports problems with file,
   * line and field, prefixed with the plugin id. Mark secrets with
   * `writeOnly: true` so the API shows them as `<secret>`. Without a schema
   * the config must be an empty mapping.
   */
  readonly configSchema?: JsonSchema;
  /**
   * Paths outside /api/plugins/<id>/ the plugin serves, for protocol
   * endpoints such as `/v1/traces`. Exact paths, or a prefix ending in `/*`.
   * The host refuses a plugin whose public path another plugin or core
   * already holds.
   */
  readonly publicPaths?: readonly string[];
}

const ID_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
// semver 2.0.0 (https://semver.org), without build metadata length limits.
const SEMVER_PATTERN =
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$';
const PUBLIC_PATH_PATTERN = '^/(?!api/plugins/|plugins/|-/)[A-Za-z0-9._~/-]*(/\\*)?$';

/**
 * The published JSON Schema of a manifest. Hosts validate with it; editors
 * can use it through `$schema`.
 */
export const manifestJsonSchema: JsonSchema = Object.freeze({
  $id: 'https://panoptes.dev/schemas/plugin-manifest-1.json',
  title: 'Panoptes plugin manifest',
  type: 'object',
  required: ['id', 'version', 'sdk', 'kinds', 'description'],
  properties: {
    id: { type: 'string', pattern: ID_PATTERN, maxLength: 64, description: 'Plugin id: lowercase letters, digits and dashes.' },
    version: { type: 'string', pattern: SEMVER_PATTERN, description: 'Plugin version (semver).' },
    sdk: { type: 'string', minLength: 1, description: 'Semver range of SDK versions the plugin works with.' },
    kinds: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { enum: [...PLUGIN_KINDS] },
      description: 'What the plugin does.',
    },
    description: { type: 'string', minLength: 1, description: 'One sentence about the plugin.' },
    configSchema: { type: 'object', description: 'JSON Schema of the plugin config.' },
    publicPaths: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', pattern: PUBLIC_PATH_PATTERN },
      description: 'Paths served outside /api/plugins/<id>/.',
    },
  },
});

/**
 * Every problem with a manifest, as `field: what is wrong` lines; empty when
 * it is valid. Pure and dependency-free, so `definePlugin` fails early in
 * the author's own tests; the host validates again with the JSON Schema.
 */
export function manifestProblems(m: Partial<Record<keyof PluginManifest, unknown>>): string[] {
  const problems: string[] = [];
  const str = (field: keyof PluginManifest, pattern?: string, hint?: string): void => {
    const v = m[field];
    if (v === undefined) problems.push(`${field}: missing required field`);
    else if (typeof v !== 'string' || v === '') problems.push(`${field}: expected a non-empty string, got ${JSON.stringify(v)}`);
    else if (pattern && !new RegExp(pattern).test(v)) problems.push(`${field}: ${JSON.stringify(v)} is not ${hint}`);
  };
  str('id', ID_PATTERN, 'lowercase letters, digits and dashes starting with a letter (e.g. collector-host)');
  if (typeof m.id === 'string' && m.id.length > 64) problems.push('id: must be at most 64 characters');
  str('version', SEMVER_PATTERN, 'a semver version (e.g. 1.0.0)');
  str('sdk');
  str('description');
  if (m.kinds === undefined) problems.push('kinds: missing required field');
  else if (!Array.isArray(m.kinds) || m.kinds.length === 0) problems.push('kinds: expected a non-empty list');
  else {
    for (const k of m.kinds) if (!PLUGIN_KINDS.includes(k as PluginKind)) problems.push(`kinds: ${JSON.stringify(k)} is not one of: ${PLUGIN_KINDS.join(', ')}`);
    if (new Set(m.kinds).size !== m.kinds.length) problems.push('kinds: must not repeat a kind');
  }
  if (m.configSchema !== undefined && (m.configSchema === null || typeof m.configSchema !== 'object' || Array.isArray(m.configSchema))) {
    problems.push('configSchema: expected a JSON Schema object');
  }
  if (m.publicPaths !== undefined) {
    if (!Array.isArray(m.publicPaths)) problems.push('publicPaths: expected a list of paths');
    else {
      for (const p of m.publicPaths) {
        if (typeof p !== 'string' || !new RegExp(PUBLIC_PATH_PATTERN).test(p)) {
          problems.push(`publicPaths: ${JSON.stringify(p)} is not an absolute path outside /api/plugins/, /plugins/ and /-/ (a prefix may end in /*)`);
        }
      }
    }
  }
  return problems;
}
