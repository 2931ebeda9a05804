import type { JsonSchema } from '@panoptes/sdk';

/** Field names treated as secrets even when the schema does not mark them (Prometheus hides the same kinds of fields). */
const SECRET_NAME = /(password|passwd|secret|token|api_?key|credential|authorization|private_?key)/i;

/**
 * A copy of a plugin config fit to show: fields the schema marks
 * `writeOnly: true`, and string fields whose names look like secrets, become
 * `<secret>`.
 */
export function redactConfig(value: unknown, schema: JsonSchema | undefined, name = ''): unknown {
  if (schema?.writeOnly === true && value !== undefined) return '<secret>';
  if (typeof value === 'string' && SECRET_NAME.test(name) && value !== '') return '<secret>';
  if (Array.isArray(value)) return value.map((v) => redactConfig(v, schema?.items as JsonSchema | undefined, name));
  if (value !== null && typeof value === 'object') {
    const props = (schema?.properties ?? {}) as Record<string, JsonSchema>;
    const extra = typeof schema?.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : undefined;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactConfig(v, props[k] ?? extra, k)]));
  }
  return value;
}
