import type { ValidateFunction } from 'ajv';
import { LineCounter, parseDocument } from 'yaml';
import type { JsonSchema } from '@panoptes/sdk';
import { compileSchema, describeAjvError } from '../config/validator.js';
import { formatPath, pointerToPath, SourceMap, type FieldPath } from '../config/source-map.js';
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
  const problems: string[] = [];
  for (const err of validate.errors ?? []) {
    const fieldPath = pointerToPath(err.instancePath, copy);
    const params = err.params as Record<string, unknown>;
    let at: FieldPath = fieldPath;
    let message: string;
    let pos: { line: number; column: number } | undefined;
    if (err.keyword === 'additionalProperties') {
      const key = String(params.additionalProperty);
      at = [...fieldPath, key];
      const allowed = Object.keys((err.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const close = allowed.filter((name) => editDistance(name, key) <= 2);
      message =
        close.length > 0
          ? `unknown field; did you mean ${close.map((c) => JSON.stringify(c)).join(' or ')}?`
          : allowed.length > 0
            ? `unknown field (allowed: ${allowed.join(', ')})`
            : 'unknown field (this plugin takes no config)';
      pos = map?.keyPos([...prefix, ...fieldPath], key);
    } else if (err.keyword === 'required') {
      at = [...fieldPath, String(params.missingProperty)];
      message = 'missing required field';
      pos = map?.valuePos([...prefix, ...fieldPath]);
    } else {
      message = describeAjvError(err, valueAt(copy, fieldPath));
      pos = map?.valuePos([...prefix, ...fieldPath]);
    }
    const where = pos && pos.line > 0 ? `${origin.file}:${pos.line}:${pos.column}` : origin.file;
    const field = formatPath([...prefix, ...at]);
    problems.push(`${where}: plugin ${pluginId}: ${field === '' ? '' : `${field}: `}${message}`);
  }
  const error = new PluginHostError('PNP_PLUGIN_CONFIG', pluginId, `invalid config:\n${[...new Set(problems)].join('\n')}`, { hook: 'config' });
  throw Object.assign(error, { problems: [...new Set(problems)] });
}

function sourceMap(text: string): SourceMap | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  return doc.errors.length > 0 ? undefined : new SourceMap(doc, lines);
}

function valueAt(root: unknown, fieldPath: FieldPath): unknown {
  let cursor = root;
  for (const seg of fieldPath) cursor = (cursor as Record<string | number, unknown> | undefined)?.[seg];
  return cursor;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Levenshtein distance, for "did you mean" on misspelt fields. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
