import type { SchemaObject } from 'ajv';
import { duration } from './common.js';

/** PromQL engine limits, as Prometheus' --query.* flags. */
export const querySchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    lookback_delta: { description: 'How far back an instant vector selector looks for the latest sample.', ...duration, default: '5m' },
    timeout: { description: 'Longest a query may run before it is cancelled with a timeout error.', ...duration, default: '2m' },
    max_samples: { description: 'Most samples a single query may hold in memory at once.', type: 'integer', minimum: 1, default: 50_000_000 },
    max_concurrency: { description: 'Most queries evaluated at the same time; others wait.', type: 'integer', minimum: 1, default: 20 },
  },
  default: {},
};
