import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigReadError } from './errors.js';
import { defaultConfig, loadConfigFile, parseConfig } from './load-config.js';

const parse = (text: string, env: Record<string, string> = {}) =>
  parseConfig(text, { file: 'panoptes.yml', baseDir: '/etc/panoptes', env });

function problemsOf(text: string, env: Record<string, string> = {}): string {
  try {
    parse(text, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfig rejects bad configurations with file:line:col, field and reason', () => {
  it.each([
    [
      'a duration that is not one',
      'scrape_configs:\n  - job_name: node\n    scrape_interval: 15x\n',
      'panoptes.yml:3:22: scrape_configs[0].scrape_interval: "15x" is not a duration (use Prometheus syntax such as 15s, 1m30s, 2h)',
    ],
    [
      'an unknown key with a suggestion',
      'global:\n  scrape_intervall: 15s\n',
      'panoptes.yml:2:3: global.scrape_intervall: unknown field; did you mean "scrape_interval"?',
    ],
    [
      'an unknown top-level section',
      'alertmanagers: []\n',
      'panoptes.yml:1:1: alertmanagers: unknown field (allowed: global, server, storage, query, tracing, scrape_configs, ingest, rule_files, alerting, plugins)',
    ],
    [
      'a wrong type',
      'server:\n  listen: 9410\n',
      'panoptes.yml:2:11: server.listen: expected a string, got number 9410',
    ],
    [
      'a listen address without a port',
      'server:\n  listen: localhost\n',
      'panoptes.yml:2:11: server.listen: "localhost" is not a host:port address',
    ],
    [
      'a value outside an enumeration',
      'server:\n  log_level: loud\n',
      'panoptes.yml:2:14: server.log_level: "loud" is not one of: fatal, error, warn, info, debug, trace',
    ],
    [
      'a missing required field',
      'scrape_configs:\n  - scrape_interval: 15s\n',
      'panoptes.yml:2:5: scrape_configs[0].job_name: missing required field',
    ],
    [
      'a bad label name in external_labels',
      'global:\n  external_labels:\n    1dc: eu\n',
      'panoptes.yml:3:5: global.external_labels["1dc"]: "1dc" is not a valid label name',
    ],
    [
      'a regex that does not compile',
      'scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - regex: "(a"\n        target_label: x\n',
      'panoptes.yml:4:16: scrape_configs[0].relabel_configs[0].regex: "(a" is not a valid regular expression: Unterminated group',
    ],
    [
      'a scrape timeout longer than the interval',
      'scrape_configs:\n  - job_name: node\n    scrape_interval: 10s\n    scrape_timeout: 20s\n',
      'panoptes.yml:4:21: scrape_configs[0].scrape_timeout: "20s" is greater than scrape_interval "10s" of job "node"',
    ],
    [
      'a duplicate job name',
      'scrape_configs:\n  - job_name: node\n  - job_name: node\n',
      'panoptes.yml:3:15: scrape_configs[1].job_name: "node" is already used by scrape_configs[0]',
    ],
    [
      'invalid YAML',
      'global:\n  scrape_interval: [15s\n',
      'panoptes.yml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'a duplicate key',
      'global:\n  scrape_interval: 15s\n  scrape_interval: 30s\n',
      'panoptes.yml:3:3: invalid YAML: Map keys must be unique',
    ],
    [
      'a top level that is not a mapping',
      '- a\n- b\n',
      'panoptes.yml:1:1: the top level must be a mapping of sections (global, server, scrape_configs, ...)',
    ],
    [
      'an unset environment variable in a secret',
      'scrape_configs:\n  - job_name: a\n    basic_auth:\n      username: u\n      password: ${env:PANOPTES_TEST_UNSET}\n',
      'panoptes.yml:5:17: scrape_configs[0].basic_auth.password: environment variable PANOPTES_TEST_UNSET is not set',
    ],
    [
      'a relabel action missing its target label',
      'scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - action: hashmod\n        modulus: 4\n',
      'panoptes.yml:4:9: scrape_configs[0].relabel_configs[0]: relabel action "hashmod" requires target_label',
    ],
    [
      'a wal_sync policy that is neither batch nor a duration',
      'storage:\n  wal_sync: sometimes\n',
      'panoptes.yml:2:13: storage.wal_sync: "sometimes" does not match ^(batch|[1-9][0-9]*(ms|s))$',
    ],
    [
      'a byte size with an unknown unit',
      'server:\n  max_request_body: 10XB\n',
      'panoptes.yml:2:21: server.max_request_body: "10XB" is not a byte size (such as 512MB or 1GiB)',
    ],
    [
      'a negative limit',
      'query:\n  max_samples: 0\n',
      'panoptes.yml:2:16: query.max_samples: 0 must be at least 1',
    ],
  ])('%s', (_name, text, expected) => {
    expect(problemsOf(text)).toBe(expected);
  });

  it('reports every problem at once, in file order', () => {
    const message = problemsOf('server:\n  log_level: loud\nglobal:\n  scrape_interval: 1x\n');
    expect(message.split('\n')).toEqual([
      'panoptes.yml:2:14: server.log_level: "loud" is not one of: fatal, error, warn, info, debug, trace',
      'panoptes.yml:4:20: global.scrape_interval: "1x" is not a duration (use Prometheus syntax such as 15s, 1m30s, 2h)',
    ]);
  });
});

describe('parseConfig accepts good configurations', () => {
  it('fills in defaults for an empty file', () => {
    const config = parse('');
    expect(config.server).toMatchObject({ listen: '127.0.0.1:9410', data_dir: './data', log_level: 'info', self_monitoring: true });
    expect(config.global.scrape_interval).toBe('15s');
    expect(config.storage.wal_sync).toBe('batch');
    expect(Object.isFrozen(config.server)).toBe(true);
  });

  it('lets jobs inherit intervals from global, capping the timeout at the interval', () => {
    const config = parse('global:\n  scrape_interval: 30s\n  scrape_timeout: 20s\nscrape_configs:\n  - job_name: a\n  - job_name: b\n    scrape_interval: 10s\n');
    expect(config.scrape_configs[0]).toMatchObject({ scrape_interval: '30s', scrape_timeout: '20s', metrics_path: '/metrics', scheme: 'http' });
    expect(config.scrape_configs[1]).toMatchObject({ scrape_interval: '10s', scrape_timeout: '10s' });
  });

  it('expands ${env:NAME} but leaves relabel ${1} alone', () => {
    const config = parse(
      'scrape_configs:\n  - job_name: a\n    basic_auth: { username: u, password: "${env:PW}" }\n    relabel_configs:\n      - { source_labels: [x], target_label: y, replacement: "${1}-z" }\n',
      { PW: 's3cret' },
    );
    expect(config.scrape_configs[0]!.basic_auth!.password).toBe('s3cret');
    expect(config.scrape_configs[0]!.relabel_configs![0]!.replacement).toBe('${1}-z');
  });

  it('resolves secret files and rule files against the config directory', () => {
    const config = parse('rule_files: [rules/*.yml]\nscrape_configs:\n  - job_name: a\n    bearer_token_file: token\n');
    expect(config.rule_files).toEqual([path.resolve('/etc/panoptes', 'rules/*.yml')]);
    expect(config.scrape_configs[0]!.bearer_token_file).toBe(path.resolve('/etc/panoptes', 'token'));
  });

  it('has embedded defaults that validate', () => {
    expect(defaultConfig().config.scrape_configs).toEqual([]);
  });
});

describe('loadConfigFile', () => {
  it('names the file it cannot read', async () => {
    await expect(loadConfigFile('/nonexistent/panoptes.yml')).rejects.toBeInstanceOf(ConfigReadError);
    await expect(loadConfigFile('/nonexistent/panoptes.yml')).rejects.toThrow(/^\/nonexistent\/panoptes\.yml: cannot read: ENOENT/);
  });

  it('reads a file and keeps its source text', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-config-'));
    const file = path.join(dir, 'panoptes.yml');
    await writeFile(file, 'global:\n  scrape_interval: 1m\n');
    const loaded = await loadConfigFile(file, {});
    expect(loaded.config.global.scrape_interval).toBe('1m');
    expect(loaded.source).toContain('scrape_interval: 1m');
    expect(loaded.file).toBe(file);
  });
});
