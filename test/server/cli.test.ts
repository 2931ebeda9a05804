import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runPanoptes, tempDir } from '../helpers/server-process.js';

const version = (await import(path.join(REPO_ROOT, 'core/package.json'), { with: { type: 'json' } })).default.version as string;

describe('panoptes CLI', () => {
  it.each([[[]], [['serve']], [['check']], [['check', 'config']], [['tsdb']], [['plugin']]])('answers --help for %j', async (cmd) => {
    const res = await runPanoptes([...cmd, '--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Usage: panoptes/);
  });

  it.each([[[]], [['serve']], [['check']], [['check', 'config']]])('answers --version for %j', async (cmd) => {
    const res = await runPanoptes([...cmd, '--version']);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(version);
  });

  it('lists its subcommands in the help', async () => {
    const res = await runPanoptes(['--help']);
    expect(res.stdout).toContain('serve');
    expect(res.stdout).toContain('check');
  });

  it('refuses an unknown subcommand', async () => {
    const res = await runPanoptes(['frobnicate']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("unknown command 'frobnicate'");
  });
});

describe('panoptes check config', () => {
  it('accepts the example configuration in docs/', async () => {
    const res = await runPanoptes(['check', 'config', 'docs/panoptes.example.yml']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('SUCCESS: docs/panoptes.example.yml is a valid Panoptes configuration');
  });

  it('exits 1 and prints every problem with its position', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'panoptes.yml');
    await writeFile(file, 'scrape_configs:\n  - job_name: node\n    scrape_interval: 15x\n');
    const res = await runPanoptes(['check', 'config', file]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('FAILED');
    expect(res.stderr.trim()).toBe(`${file}:3:22: scrape_configs[0].scrape_interval: "15x" is not a duration (use Prometheus syntax such as 15s, 1m30s, 2h)`);
  });

  it('fails when one of several files is bad', async () => {
    const dir = await tempDir();
    const bad = path.join(dir, 'bad.yml');
    await writeFile(bad, 'nope: 1\n');
    const res = await runPanoptes(['check', 'config', 'docs/panoptes.example.yml', bad]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('SUCCESS: docs/panoptes.example.yml');
    expect(res.stderr).toContain(`${bad}:1:1: nope: unknown field`);
  });

  it('names a missing file', async () => {
    const res = await runPanoptes(['check', 'config', 'does-not-exist.yml']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('does-not-exist.yml: cannot read: ENOENT');
  });
});

describe('panoptes check config vets what the server would refuse at start-up', () => {
  it('names an undefined receiver in the alerting section', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'panoptes.yml');
    await writeFile(file, 'alerting:\n  route:\n    receiver: nobody\n');
    const res = await runPanoptes(['check', 'config', file]);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe(`${file}: alerting.route.receiver: undefined receiver "nobody" used in route`);
  });

  it('checks the rule files the config names', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'panoptes.yml');
    await writeFile(file, 'rule_files: [rules.yml]\n');
    await writeFile(path.join(dir, 'rules.yml'), 'groups:\n  - name: g\n    rules:\n      - record: x\n        expr: sum(\n');
    const res = await runPanoptes(['check', 'config', file]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(path.join(dir, 'rules.yml'));
  });
});

describe('panoptes check config vets plugin configs', () => {
  it('names an unknown field of a plugin config with its position', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'panoptes.yml');
    await writeFile(file, 'plugins:\n  - use: "@panoptes/plugin-notifier-webhook"\n    config: { bogus: 1 }\n');
    const res = await runPanoptes(['check', 'config', file]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${file}:3:15: plugin notifier-webhook: plugins[0].config.bogus: unknown field`);
  });
});
