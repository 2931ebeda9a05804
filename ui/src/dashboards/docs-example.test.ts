// The dashboard example in docs/ui.md must stay a valid model.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeDashboard } from './model.js';

describe('docs/ui.md dashboard example', () => {
  it('is a valid dashboard', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/ui.md', import.meta.url)), 'utf8');
    const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const d = normalizeDashboard(JSON.parse(block!));
    expect(d.rows[0]!.panels.map((p) => p.type)).toEqual(['timeseries', 'stat']);
  });
});
