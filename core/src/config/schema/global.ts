import type { SchemaObject } from 'ajv';
import { duration, labelSet } from './common.js';

/** Prometheus' `global:` block. */
export const globalSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scrape_interval: { description: 'How often targets are scraped unless a job says otherwise.', ...duration, default: '15s' },
    scrape_timeout: { description: 'How long a scrape may take unless a job says otherwise; at most the interval.', ...duration, default: '10s' },
    evaluation_interval: { description: 'How often rule groups are evaluated unless a group says otherwise.', ...duration, default: '15s' },
    external_labels: { description: 'Labels added to alerts and to data sent to other systems (federation, remote write).', ...labelSet, default: {} },
    query_log_file: { type: 'string' },
  },
  default: {},
};
