import { describe, expect, it } from 'vitest';
import { redactConfig } from './redact.js';

describe('redactConfig', () => {
  it('hides writeOnly fields and secret-looking names, nested and in lists', () => {
    const schema = {
      type: 'object',
      properties: {
        dsn: { type: 'string', writeOnly: true },
        targets: { type: 'array', items: { type: 'object', properties: { key: { type: 'string', writeOnly: true } } } },
      },
    };
    const config = { dsn: 'mysql://u:p@db/', user: 'u', api_key: 'k', nested: { password: 'p', port: 1 }, targets: [{ key: 'x', name: 'a' }], bearer_token: '' };
    expect(redactConfig(config, schema)).toEqual({
      dsn: '<secret>',
      user: 'u',
      api_key: '<secret>',
      nested: { password: '<secret>', port: 1 },
      targets: [{ key: '<secret>', name: 'a' }],
      bearer_token: '',
    });
  });
});
