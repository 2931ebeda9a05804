import type { SchemaObject } from 'ajv';

/** Self-tracing over OTLP/HTTP; off by default. */
export const tracingSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean', default: false },
    endpoint: { type: 'string', format: 'http-url', default: 'http://127.0.0.1:4318/v1/traces' },
    service_name: { type: 'string', minLength: 1, default: 'panoptes' },
    sample_ratio: { type: 'number', minimum: 0, maximum: 1, default: 1 },
    headers: { type: 'object', additionalProperties: { type: 'string' }, default: {} },
  },
  default: {},
};
