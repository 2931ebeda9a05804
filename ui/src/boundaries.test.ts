// The UI speaks HTTP only (docs/ui.md, ARCHITECTURE "ui → HTTP only"): no file
// under ui/src may import a Panoptes package or reach outside ui/ by path.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('.', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|vue)$/.test(name) ? [p] : [];
  });
}

describe('ui import boundaries', () => {
  it('imports nothing from the server packages', () => {
    const offenders: string[] = [];
    for (const file of files(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = (m[1] ?? m[2])!;
        const escapesUi = spec.startsWith('.') && relative(SRC, join(file, '..', spec)).startsWith('..');
        if (spec.startsWith('@panoptes/') || escapesUi) offenders.push(`${relative(SRC, file)} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
