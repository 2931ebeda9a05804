import type { SchemaObject } from 'ajv';
import { alertingSchema } from './alerting.js';
import { globalSchema } from './global.js';
import { ingestSchema } from './ingest.js';
import { pluginsSchema } from './plugins.js';
import { querySchema } from './query.js';
import { scrapeConfigsSchema } from './scrape.js';
import { serverSchema } from './server.js';
import { storageSchema } from './storage.js';
import { tracingSchema } from './tracing.js';

/**
 * The schema of panoptes.yml. Every block rejects unknown keys. Sections that
 * Prometheus also has (global, scrape_configs, rule_files) keep its names and
 * shapes so an existing prometheus.yml moves over with few changes.
 */
export const configSchema: SchemaObject = {
  $id: 'https://panoptes.dev/schemas/config.json',
  type: 'object',
  additionalProperties: false,
  properties: {
    global: globalSchema,
    server: serverSchema,
    storage: storageSchema,
    query: querySchema,
    tracing: tracingSchema,
    scrape_configs: scrapeConfigsSchema,
    ingest: ingestSchema,
    rule_files: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
    alerting: alertingSchema,
    plugins: pluginsSchema,
  },
};
