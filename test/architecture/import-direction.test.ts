import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/server-process.js';

/**
 * The dependency arrows of ARCHITECTURE.md, checked on every import in the
 * source tree: plugins → sdk; core → sdk, storage; storage and sdk → nothing
 * of ours; ui → nothing of ours (HTTP only).
 */
const ALLOWED: Record<string, readonly string[]> = {
  sdk: [],
  storage: [],
  core: ['@panoptes/sdk', '@panoptes/storage'],
  plugins: ['@panoptes/sdk'],
  ui: [],
};

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (/\.(ts|mts|vue|js|mjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

async function violations(pkgDir: string, allowed: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const root = path.join(REPO_ROOT, pkgDir);
  for (const file of await sourceFiles(root)) {
    const text = await readFile(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      const rel = path.relative(REPO_ROOT, file);
      if (spec.startsWith('@panoptes/')) {
        const target = spec.split('/').slice(0, 2).join('/');
        if (!allowed.includes(target) && !isSelf(rel, target)) found.push(`${rel} imports ${spec}`);
      } else if (spec.startsWith('.')) {
        const resolved = path.relative(REPO_ROOT, path.resolve(path.dirname(file), spec));
        const ownTop = pkgDir === 'plugins' ? rel.split('/').slice(0, 2).join('/') : pkgDir;
        if (!resolved.startsWith(`${ownTop}/`)) found.push(`${rel} reaches outside its package: ${spec}`);
      }
    }
  }
  return found;
}

/** A package importing its own name (e.g. a plugin's test importing itself) is fine. */
function isSelf(rel: string, target: string): boolean {
  const top = rel.split('/')[0];
  if (top === 'plugins') return target === `@panoptes/plugin-${rel.split('/')[1]}`;
  return target === `@panoptes/${top}`;
}

describe('dependency direction (ARCHITECTURE.md)', () => {
  it.each(Object.entries(ALLOWED))('%s imports only what it may', async (pkg, allowed) => {
    expect(await violations(pkg, allowed)).toEqual([]);
  });
});
