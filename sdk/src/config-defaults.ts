import type { JsonSchema } from './manifest.js';

/**
 * A copy of `value` with the `default`s of `schema`'s `properties` filled
 * in, recursively through nested objects. It only fills defaults; it does
 * not validate. The host fills defaults through full validation; the test
 * harness uses this so a plugin sees the same config shape in tests.
 */
export function applyConfigDefaults(schema: JsonSchema | undefined, value: unknown): unknown {
  if (schema === undefined) return value;
  if (value === undefined && 'default' in schema) value = structuredClone(schema.default);
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  if (props === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, sub] of Object.entries(props)) {
    const filled = applyConfigDefaults(sub, out[key]);
    if (filled !== undefined) out[key] = filled;
  }
  return out;
}
