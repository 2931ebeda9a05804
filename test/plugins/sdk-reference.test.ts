import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { generateReference, REFERENCE_FILE } from '../../sdk/scripts/gen-reference.mjs';

/**
 * docs/plugins/reference.md is generated from the SDK's exports and TSDoc.
 * It doubles as the SDK's API report: a change to the public surface shows
 * up as a diff of this file in review (see docs/plugins/versioning.md).
 */
describe('SDK reference', () => {
  it('is up to date (regenerate with: node sdk/scripts/gen-reference.mjs --write)', () => {
    expect(readFileSync(REFERENCE_FILE as string, 'utf8')).toBe((generateReference as () => string)());
  });

  it('documents every export', () => {
    const text = (generateReference as () => string)();
    const undocumented = [...text.matchAll(/^### (\S+)\n\n\*[a-z]+\*, from `[^`]+`\n\n```ts/gm)].map((m) => m[1]);
    expect(undocumented).toEqual([]);
  });
});
