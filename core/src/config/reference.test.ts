import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { REFERENCE_BEGIN, REFERENCE_END, renderConfigReference } from './reference.js';

describe('docs/configuration.md', () => {
  it('matches the schema (regenerate with `npm run docs:config`)', async () => {
    const markdown = await readFile(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
    const generated = markdown.slice(markdown.indexOf(REFERENCE_BEGIN) + REFERENCE_BEGIN.length, markdown.indexOf(REFERENCE_END));
    expect(generated.trim()).toBe(renderConfigReference().trim());
  });
});
