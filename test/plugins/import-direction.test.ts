import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Keeps the arrows of ARCHITECTURE.md: plugins import only @panoptes/sdk
 * (plus Node built-ins and their own npm dependencies), the SDK imports
 * nothing of ours and has no runtime dependencies at all.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|mts|js|mjs|vue)$/.test(name)) out.push(p);
  }
  return out;
}

/** Module specifiers of static imports, re-exports, dynamic imports and require calls. */
export function importsOf(text: string): string[] {
  const specs: string[] = [];
  const patterns = [/\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of text.matchAll(re)) specs.push(m[1]!);
  return specs;
}

/** Why an import from a file of package `pkgDir` breaks the layering, or undefined. */
function violation(file: string, spec: string, pkgDir: string, allowOurs: readonly string[]): string | undefined {
  if (spec.startsWith('.')) {
    const target = path.resolve(path.dirname(file), spec);
    if (!target.startsWith(pkgDir + path.sep)) return `reaches outside its package to ${path.relative(ROOT, target)}`;
    return undefined;
  }
  if (spec.startsWith('@panoptes/')) {
    const name = spec.split('/').slice(0, 2).join('/');
    return allowOurs.includes(name) ? undefined : `imports ${name}`;
  }
  return undefined;
}

const plugins = readdirSync(path.join(ROOT, 'plugins')).filter((d) => statSync(path.join(ROOT, 'plugins', d)).isDirectory());

describe('import direction', () => {
  it.each(plugins)('plugins/%s imports only @panoptes/sdk', (name) => {
    const pkgDir = path.join(ROOT, 'plugins', name);
    const problems: string[] = [];
    for (const file of sourceFiles(path.join(pkgDir, 'src'))) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const v = violation(file, spec, pkgDir, ['@panoptes/sdk']);
        if (v) problems.push(`${path.relative(ROOT, file)}: ${v}`);
      }
    }
    expect(problems).toEqual([]);
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    const ours = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => d.startsWith('@panoptes/') && d !== '@panoptes/sdk');
    expect(ours).toEqual([]);
  });

  it('sdk imports nothing of ours and has no runtime dependencies', () => {
    const pkgDir = path.join(ROOT, 'sdk');
    const problems: string[] = [];
    for (const file of sourceFiles(path.join(pkgDir, 'src'))) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const v = violation(file, spec, pkgDir, []);
        if (v) problems.push(`${path.relative(ROOT, file)}: ${v}`);
        const isTest = file.endsWith('.test.ts');
        if (!isTest && !spec.startsWith('.') && !spec.startsWith('node:')) problems.push(`${path.relative(ROOT, file)}: imports ${spec}`);
      }
    }
    expect(problems).toEqual([]);
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { dependencies?: object };
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it('detects a plugin importing core (the check itself works)', () => {
    const file = path.join(ROOT, 'plugins', 'x', 'src', 'a.ts');
    const pkgDir = path.join(ROOT, 'plugins', 'x');
    const found = importsOf("import { a } from '@panoptes/core';\nimport '../../../storage/src/index.js';\nconst m = await import('@panoptes/storage');")
      .map((s) => violation(file, s, pkgDir, ['@panoptes/sdk']))
      .filter(Boolean);
    expect(found).toHaveLength(3);
  });
});
