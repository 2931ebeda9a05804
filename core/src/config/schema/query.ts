import type { SchemaObject } from 'ajv';
import { duration } from './common.js';

/** PromQL engine limits, as Prometheus' --query.* flags. */
export const querySchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    lookback_delta: { ...duration, default: '5m' },
    timeout: { ...duration, default: '2m' },
    max_samples: { type: 'integer', minimum: 1, default: 50_000_000 },
    max_concurrency: { type: 'integer', minimum: 1, default: 20 },
  },
  default: {},
};
