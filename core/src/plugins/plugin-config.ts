import type { ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import type { JsonSchema } from '@panoptes/sdk';
import { deepFreeze } from '../config/normalize.js';
import { schemaProblems } from '../config/schema-problems.js';
import { formatPath, SourceMap, type FieldPath } from '../config/source-map.js';
import { compileSchema } from '../config/validator.js';
import { PluginHostError } from './errors.js';

/** Where a plugin's config sits in the config file, for positioned messages. */
export interface ConfigOrigin {
  /** File name as the user gave it; `<defaults>` for none. */
  readonly file: string;
  /** The file's text; positions are omitted without it. */
  readonly source: string;
  /** Index of the plugin's entry in `plugins`, or undefined when it has none (a default first-party plugin). */
  readonly index: number | undefined;
}

/** A plugin with no schema takes no config: an empty mapping, nothing else. */
const NO_CONFIG_SCHEMA = { type: 'object', additionalProperties: false } as const;

const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Compiles a plugin's config schema with core's formats (duration, bytes,
 * host-port, http-url, regex), once per schema object. Throws
 * PNP_PLUGIN_CONFIG naming the plugin when the schema itself is invalid.
 */
export function compilePluginSchema(pluginId: string, schema: JsonSchema | undefined): ValidateFunction {
  const key = schema ?? NO_CONFIG_SCHEMA;
  let fn = compiled.get(key);
  if (!fn) {
    try {
      fn = compileSchema(key);
    } catch (cause) {
      throw new PluginHostError('PNP_PLUGIN_CONFIG', pluginId, `its configSchema is not a valid JSON Schema: ${(cause as Error).message}`, { cause, hook: 'config' });
    }
    compiled.set(key, fn);
  }
  return fn;
}

/**
 * Validates a plugin's config the way core validates its own: every problem,
 * each with file:line:column, the field path and what is wrong, prefixed
 * with the plugin id:
 *
 *     panoptes.yml:14:17: plugin collector-host: plugins[0].config.interval: "15x" is not a duration (...)
 *
 * Returns the config with defaults filled in, frozen; throws
 * PNP_PLUGIN_CONFIG with `problems` otherwise.
 */
export function validatePluginConfig(pluginId: string, schema: JsonSchema | undefined, config: unknown, origin: ConfigOrigin): Readonly<Record<string, unknown>> {
  const validate = compilePluginSchema(pluginId, schema);
  const copy: unknown = structuredClone(config ?? {});
  if (validate(copy)) return deepFreeze(copy as Record<string, unknown>);

  const prefix: FieldPath = origin.index === undefined ? [] : ['plugins', origin.index, 'config'];
  const map = origin.index === undefined || origin.source === '' ? undefined : sourceMap(origin.source);
  const problems = schemaProblems(validate.errors ?? [], copy, map, prefix, 'unknown field (this plugin takes no config)').map((p) => {
    const where = p.pos && p.pos.line > 0 ? `${origin.file}:${p.pos.line}:${p.pos.column}` : origin.file;
    const field = formatPath(p.path);
    return `${where}: plugin ${pluginId}: ${field === '' ? '' : `${field}: `}${p.message}`;
  });
  const error = new PluginHostError('PNP_PLUGIN_CONFIG', pluginId, `invalid config:\n${[...new Set(problems)].join('\n')}`, { hook: 'config' });
  throw Object.assign(error, { problems: [...new Set(problems)] });
}

function sourceMap(text: string): SourceMap | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  return doc.errors.length > 0 ? undefined : new SourceMap(doc, lines);
}

