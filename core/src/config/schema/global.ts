import type { SchemaObject } from 'ajv';
import { duration, labelSet } from './common.js';

/** Prometheus' `global:` block. */
export const globalSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scrape_interval: { ...duration, default: '15s' },
    scrape_timeout: { ...duration, default: '10s' },
    evaluation_interval: { ...duration, default: '15s' },
    external_labels: { ...labelSet, default: {} },
    query_log_file: { type: 'string' },
  },
  default: {},
};
