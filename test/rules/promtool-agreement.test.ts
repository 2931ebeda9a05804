import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRuleFile } from '../../core/src/rules/rule-file.js';
import { RULE_FILE_CASES } from './rule-file-cases.js';

const run = promisify(execFile);

async function findPromtool(): Promise<string | undefined> {
  try {
    await run('promtool', ['--version']);
    return 'promtool';
  } catch {
    return undefined;
  }
}

const promtool = await findPromtool();
const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-rules-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('Panoptes verdicts on rule files', () => {
  it.each(RULE_FILE_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const parsed = parseRuleFile(c.yaml, 'rules.yml');
    expect(parsed.problems.length === 0, parsed.problems.map((p) => p.message).join('; ')).toBe(c.valid);
    if (c.message) expect(parsed.problems.map((p) => p.message).join('\n')).toContain(c.message);
  });
});

describe.skipIf(!promtool)('agreement with promtool check rules (Debian prometheus)', () => {
  it.each(RULE_FILE_CASES.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.yml`);
    await writeFile(file, c.yaml);
    const promtoolAccepts = await run(promtool!, ['check', 'rules', file]).then(
      () => true,
      () => false,
    );
    expect(promtoolAccepts, `promtool verdict for "${name}"`).toBe(c.valid);
    expect(parseRuleFile(c.yaml, file).problems.length === 0).toBe(promtoolAccepts);
  });
});

if (!promtool) {
  // Say why the agreement half did not run, rather than passing silently.
  console.warn('promtool not found: install Debian\'s prometheus package (apt-get install prometheus) to run the agreement test');
}
