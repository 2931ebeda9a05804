import type { SchemaObject } from 'ajv';
import { byteSize, duration } from './common.js';

/** TSDB settings. */
export const storageSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    retention_time: { description: 'Data older than this is deleted by compaction.', ...duration, default: '15d' },
    retention_size: { description: 'Largest size of the data directory before the oldest data is deleted; 0 means no limit.', ...byteSize, default: 0 },
    wal_sync: {
      description: '`batch` fsyncs every committed batch; a duration such as `100ms` fsyncs at most that often.',
      type: 'string',
      pattern: '^(batch|[0-9]+(ms|s))$',
      default: 'batch',
    },
    out_of_order_window: { description: 'Extra head time window for out-of-order samples; older samples are still accepted as backfill.', ...duration, default: '0' },
  },
  default: {},
};
