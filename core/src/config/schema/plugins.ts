import type { SchemaObject } from 'ajv';

/**
 * Plugins to load beyond the workspace's first-party ones. `use` is an npm
 * package name or a local path; each plugin's `config` is validated later
 * against the plugin's own schema.
 */
export const pluginsSchema: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['use'],
    properties: {
      use: { type: 'string', minLength: 1 },
      enabled: { type: 'boolean', default: true },
      config: { type: 'object', default: {} },
    },
  },
  default: [],
};
