import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PLUGIN_KINDS } from '@panoptes/sdk';
import { scaffoldFiles, type ScaffoldKind } from './templates.js';

export const SCAFFOLD_KINDS: readonly ScaffoldKind[] = ['collector', 'notifier', 'detector'];

export interface ScaffoldOptions {
  /** The plugin id, e.g. `collector-acme`; also the folder name. */
  readonly name: string;
  readonly kind: ScaffoldKind;
  /** Folder to create the package in. */
  readonly parentDir: string;
  /** npm package name; `panoptes-plugin-<id>` when left out. */
  readonly packageName?: string;
}

/** Why a name cannot be a plugin id, or undefined. */
export function idProblem(name: string): string | undefined {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) return `${JSON.stringify(name)} is not a plugin id: use lowercase letters, digits and dashes, starting with a letter (e.g. collector-acme)`;
  if (name.length > 64) return 'a plugin id has at most 64 characters';
  return undefined;
}

/**
 * Writes a new plugin package: manifest, a working plugin of the kind, a
 * passing test on sdk/testing, tsconfig and README. Refuses to write into a
 * folder that exists and is not empty.
 */
export async function scaffoldPlugin(o: ScaffoldOptions): Promise<{ dir: string; files: string[] }> {
  const problem = idProblem(o.name);
  if (problem) throw new Error(problem);
  if (!SCAFFOLD_KINDS.includes(o.kind)) throw new Error(`--kind ${JSON.stringify(o.kind)} is not one of: ${SCAFFOLD_KINDS.join(', ')} (other kinds: ${PLUGIN_KINDS.filter((k) => !SCAFFOLD_KINDS.includes(k as ScaffoldKind)).join(', ')} start from one of these)`);
  const dir = path.resolve(o.parentDir, o.name);
  const existing = await readdir(dir).catch(() => undefined);
  if (existing && existing.length > 0) throw new Error(`${dir} already exists and is not empty`);
  const files = scaffoldFiles({ id: o.name, kind: o.kind, packageName: o.packageName ?? `panoptes-plugin-${o.name}` });
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return { dir, files: Object.keys(files) };
}
