import type { SchemaObject } from 'ajv';
import { byteSize, hostPort } from './common.js';

/** Push ingestion (remote write, OpenTSDB, OTLP metrics): limits and the optional OpenTSDB TCP listener. 0 means no limit. */
export const ingestSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limits: {
      description: 'Checks applied to every pushed series; a breach is answered with 400 naming the series and the limit.',
      type: 'object',
      additionalProperties: false,
      properties: {
        max_body_bytes: { description: 'Largest compressed request body.', ...byteSize, default: '32MiB' },
        max_decompressed_bytes: { description: 'Largest body after decompression, checked from the snappy header before any allocation.', ...byteSize, default: '64MiB' },
        max_series_per_request: { description: 'Most series in one request.', type: 'integer', minimum: 0, default: 100_000 },
        max_labels_per_series: { description: 'Most labels on one series, __name__ included.', type: 'integer', minimum: 0, default: 64 },
        max_label_name_length: { description: 'Longest label name in bytes.', type: 'integer', minimum: 0, default: 1024 },
        max_label_value_length: { description: 'Longest label value in bytes.', type: 'integer', minimum: 0, default: 4096 },
        name_validation: { description: 'legacy: names must match [a-zA-Z_:][a-zA-Z0-9_:]* (labels without ":"); utf8: any non-empty UTF-8.', enum: ['legacy', 'utf8'], default: 'legacy' },
      },
      default: {},
    },
    opentsdb: {
      type: 'object',
      additionalProperties: false,
      properties: {
        listen: { description: 'host:port of the OpenTSDB line-protocol listener (HTTP on the same port is sniffed and served too); unset: off.', ...hostPort },
      },
      default: {},
    },
  },
  default: {},
};
