import type { SchemaObject } from 'ajv';
import { byteSize, duration } from './common.js';

/** TSDB settings. They take effect when the server starts; a reload does not change them. */
export const storageSchema: SchemaObject = {
  description: 'TSDB settings. They take effect when the server starts; a reload does not change them.',
  type: 'object',
  additionalProperties: false,
  properties: {
    retention_time: { description: 'Data older than this is deleted by compaction.', ...duration, default: '15d' },
    retention_size: { description: 'Largest size of the data directory before the oldest data is deleted; 0 means no limit.', ...byteSize, default: 0 },
    resident_size: {
      description: 'Memory for persisted chunks of the newest windows, so queries over recent hours read no LevelDB; the current and previous 2 h window stay in memory in any case.',
      ...byteSize,
      default: '256MiB',
    },
    wal_sync: {
      description: '`batch` fsyncs every committed batch; a duration such as `100ms` fsyncs at most that often.',
      type: 'string',
      pattern: '^(batch|[1-9][0-9]*(ms|s))$',
      default: 'batch',
    },
  },
  default: {},
};
