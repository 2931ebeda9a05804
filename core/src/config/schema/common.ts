import type { SchemaObject } from 'ajv';

/** A Prometheus duration string (`15s`, `1m30s`); checked by the `duration` format. */
export const duration: SchemaObject = { type: 'string', format: 'duration' };

/** A byte size such as `10MB`, `512KiB` or a plain number of bytes; checked by the `bytes` format. */
export const byteSize: SchemaObject = { type: ['string', 'integer'], format: 'bytes' };

export const labelName: SchemaObject = { type: 'string', pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' };

export const labelSet: SchemaObject = {
  type: 'object',
  propertyNames: labelName,
  additionalProperties: { type: 'string' },
};

/** `host:port`, with an IPv6 host in brackets. */
export const hostPort: SchemaObject = { type: 'string', format: 'host-port' };

export const url: SchemaObject = { type: 'string', format: 'http-url' };

export const tlsConfig: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ca_file: { type: 'string' },
    ca: { type: 'string' },
    cert_file: { type: 'string' },
    cert: { type: 'string' },
    key_file: { type: 'string' },
    key: { type: 'string' },
    server_name: { type: 'string' },
    insecure_skip_verify: { type: 'boolean' },
    min_version: { enum: ['TLS10', 'TLS11', 'TLS12', 'TLS13'] },
    max_version: { enum: ['TLS10', 'TLS11', 'TLS12', 'TLS13'] },
  },
};

/** Prometheus' HTTP client settings shared by scrape configs and notifier targets. */
export const httpClientProperties: Record<string, SchemaObject> = {
  basic_auth: {
    type: 'object',
    additionalProperties: false,
    required: ['username'],
    properties: {
      username: { type: 'string' },
      username_file: { type: 'string' },
      password: { type: 'string' },
      password_file: { type: 'string' },
    },
  },
  authorization: {
    type: 'object',
    additionalProperties: false,
    properties: {
      type: { type: 'string' },
      credentials: { type: 'string' },
      credentials_file: { type: 'string' },
    },
  },
  bearer_token: { type: 'string' },
  bearer_token_file: { type: 'string' },
  tls_config: tlsConfig,
  proxy_url: url,
  follow_redirects: { type: 'boolean' },
  enable_http2: { type: 'boolean' },
};

export const relabelActions = [
  'replace',
  'keep',
  'drop',
  'keepequal',
  'dropequal',
  'hashmod',
  'labelmap',
  'labeldrop',
  'labelkeep',
  'lowercase',
  'uppercase',
] as const;

export const relabelConfig: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    source_labels: { type: 'array', items: labelName },
    separator: { type: 'string' },
    target_label: { type: 'string' },
    regex: { type: 'string', format: 'regex' },
    modulus: { type: 'integer', minimum: 1 },
    replacement: { type: 'string' },
    action: { enum: relabelActions },
  },
};
