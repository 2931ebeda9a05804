import type { SchemaObject } from 'ajv';
import { byteSize, duration } from './common.js';

/** TSDB settings. */
export const storageSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    retention_time: { ...duration, default: '15d' },
    retention_size: { ...byteSize, default: 0 },
    wal_sync: {
      description: '`batch` fsyncs every committed batch; a duration such as `100ms` fsyncs at most that often.',
      type: 'string',
      pattern: '^(batch|[0-9]+(ms|s))$',
      default: 'batch',
    },
    out_of_order_window: { ...duration, default: '0' },
  },
  default: {},
};
