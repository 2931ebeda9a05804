import type { SchemaObject } from 'ajv';

/**
 * Alertmanager-shaped alerting configuration (route tree, receivers,
 * inhibit_rules, time_intervals). Owned by the alerting area; the detail of
 * each block is validated by that area when it loads the config.
 */
export const alertingSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    route: { type: 'object' },
    receivers: { type: 'array', items: { type: 'object' } },
    inhibit_rules: { type: 'array', items: { type: 'object' } },
    time_intervals: { type: 'array', items: { type: 'object' } },
    templates: { type: 'array', items: { type: 'string' } },
  },
  default: {},
};
