import type { SchemaObject } from 'ajv';
import { byteSize, hostPort } from './common.js';

/** Panoptes' own server settings; `--listen`, `--data-dir` and `--log-level` override them. */
export const serverSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    listen: { ...hostPort, default: '127.0.0.1:9410' },
    data_dir: { type: 'string', minLength: 1, default: './data' },
    log_level: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace'], default: 'info' },
    external_url: { type: 'string', format: 'http-url' },
    shutdown_timeout: { type: 'string', format: 'duration', default: '30s' },
    max_request_body: { ...byteSize, default: '64MiB' },
    self_monitoring: { type: 'boolean', default: true },
  },
  default: {},
};
