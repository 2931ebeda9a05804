import type { SchemaObject } from 'ajv';
import { byteSize, hostPort } from './common.js';

/** Panoptes' own server settings; `--listen`, `--data-dir` and `--log-level` override them. */
export const serverSchema: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    listen: { description: 'Address of the HTTP server (API, UI, /metrics). `--listen` overrides it.', ...hostPort, default: '127.0.0.1:9410' },
    data_dir: { description: 'Where the TSDB, WAL and all other state live. `--data-dir` overrides it. Relative to the working directory.', type: 'string', minLength: 1, default: './data' },
    log_level: { description: 'Lowest level logged. `--log-level` overrides it.', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace'], default: 'info' },
    external_url: { description: 'The URL users reach Panoptes at, used in alert links (generatorURL).', type: 'string', format: 'http-url' },
    shutdown_timeout: { description: 'How long SIGTERM waits for in-flight requests and storage flush before forcing exit.', type: 'string', format: 'duration', default: '30s' },
    max_request_body: { description: 'Largest HTTP request body accepted by any endpoint; larger bodies get 413.', ...byteSize, default: '64MiB' },
    self_monitoring: { description: "Scrape the server's own /metrics as job `panoptes` (skipped when a job of that name exists).", type: 'boolean', default: true },
  },
  default: {},
};
