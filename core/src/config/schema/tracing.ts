import type { SchemaObject } from 'ajv';

/** Self-tracing over OTLP/HTTP; off by default. */
export const tracingSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { description: "Export the server's own HTTP and storage spans over OTLP/HTTP. Off costs nothing.", type: 'boolean', default: false },
    endpoint: { description: 'OTLP/HTTP traces endpoint.', type: 'string', format: 'http-url', default: 'http://127.0.0.1:4318/v1/traces' },
    service_name: { description: 'service.name resource attribute of the exported spans.', type: 'string', minLength: 1, default: 'panoptes' },
    sample_ratio: { description: 'Fraction of traces kept (0 to 1).', type: 'number', minimum: 0, maximum: 1, default: 1 },
    headers: { description: 'Extra HTTP headers sent with each export, e.g. an authorization token.', type: 'object', additionalProperties: { type: 'string' }, default: {} },
  },
  default: {},
};
