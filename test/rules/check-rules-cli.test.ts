import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPanoptes, tempDir } from '../helpers/server-process.js';

describe('panoptes check rules', () => {
  it('accepts valid files and rejects bad ones, naming file, group, rule and problem; exit 1 if any failed', async () => {
    const dir = await tempDir('panoptes-check-rules-');
    const good = path.join(dir, 'good.yml');
    const bad = path.join(dir, 'bad.yml');
    await writeFile(good, 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: sum(up)\n      - alert: Down\n        expr: up == 0\n');
    await writeFile(bad, 'groups:\n  - name: g\n    rules:\n      - alert: Down\n        expr: up ==\n');
    const ok = await runPanoptes(['check', 'rules', good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`Checking ${good}\n  SUCCESS: 2 rules found`);
    const res = await runPanoptes(['check', 'rules', good, bad]);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('SUCCESS: 2 rules found');
    expect(res.stdout).toContain(`Checking ${bad}\n  FAILED:`);
    expect(res.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:5:15: group "g", rule 1, "Down": could not parse expression: `));
    const missing = await runPanoptes(['check', 'rules', path.join(dir, 'nope.yml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file or directory');
  });
});
