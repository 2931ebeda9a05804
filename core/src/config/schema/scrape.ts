import type { SchemaObject } from 'ajv';
import { byteSize, duration, hostPort, httpClientProperties, labelSet, relabelConfig } from './common.js';

export const staticConfig: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['targets'],
  properties: {
    targets: { type: 'array', items: hostPort },
    labels: labelSet,
  },
};

export const fileSdConfig: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['files'],
  properties: {
    files: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    refresh_interval: { ...duration, default: '5m' },
  },
};

/** Exposition formats by Prometheus' names (`scrape_protocols`, `fallback_scrape_protocol`). */
export const scrapeProtocol: SchemaObject = {
  enum: ['OpenMetricsText1.0.0', 'OpenMetricsText0.0.1', 'PrometheusText1.0.0', 'PrometheusText0.0.4', 'PrometheusProto'],
};

/** One Prometheus `scrape_configs` entry. Intervals default from `global`. */
export const scrapeConfig: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['job_name'],
  properties: {
    job_name: { type: 'string', minLength: 1 },
    scrape_interval: duration,
    scrape_timeout: duration,
    metrics_path: { type: 'string', pattern: '^/', default: '/metrics' },
    scheme: { enum: ['http', 'https'], default: 'http' },
    params: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    honor_labels: { type: 'boolean', default: false },
    honor_timestamps: { type: 'boolean', default: true },
    static_configs: { type: 'array', items: staticConfig },
    file_sd_configs: { type: 'array', items: fileSdConfig },
    relabel_configs: { type: 'array', items: relabelConfig },
    metric_relabel_configs: { type: 'array', items: relabelConfig },
    sample_limit: { type: 'integer', minimum: 0, default: 0 },
    label_limit: { type: 'integer', minimum: 0, default: 0 },
    label_name_length_limit: { type: 'integer', minimum: 0, default: 0 },
    label_value_length_limit: { type: 'integer', minimum: 0, default: 0 },
    target_limit: { type: 'integer', minimum: 0, default: 0 },
    body_size_limit: { ...byteSize, default: 0 },
    enable_compression: { description: 'Ask targets for gzip (Accept-Encoding: gzip); false asks for identity.', type: 'boolean', default: true },
    extra_scrape_metrics: { description: 'Also write scrape_timeout_seconds, scrape_sample_limit and scrape_body_size_bytes per target.', type: 'boolean', default: false },
    track_timestamps_staleness: { description: 'Also write stale markers for series that expose their own timestamps.', type: 'boolean', default: false },
    scrape_protocols: {
      description: 'Formats to ask for, most preferred first; PrometheusProto is accepted but not requested (Panoptes does not parse it).',
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: scrapeProtocol,
    },
    fallback_scrape_protocol: { description: 'Format assumed when a target sends no or an unknown Content-Type; unset: text 0.0.4 with a warning.', ...scrapeProtocol },
    ...httpClientProperties,
  },
};

export const scrapeConfigsSchema: SchemaObject = { type: 'array', items: scrapeConfig, default: [] };
