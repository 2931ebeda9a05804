import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PluginUseConfig } from '../config/index.js';
import { PluginHostError } from './errors.js';

/** Where a plugin comes from. */
export type PluginOrigin = 'workspace' | 'npm' | 'path';

/** A plugin to load: its package, and what the config says about it. */
export interface PluginCandidate {
  /** As written in `plugins[].use`, or the package name for a first-party plugin not named in config. */
  readonly use: string;
  readonly origin: PluginOrigin;
  /** Absolute directory of the plugin's package. */
  readonly packageDir: string;
  /** Index in `plugins`, undefined for a first-party plugin the config does not name. */
  readonly configIndex: number | undefined;
  readonly enabled: boolean;
  readonly config: Readonly<Record<string, unknown>>;
}

/** A `use` that could not be resolved, kept so it shows in the plugin list with its error. */
export interface UnresolvedUse {
  readonly use: string;
  readonly configIndex: number;
  readonly enabled: boolean;
  readonly error: PluginHostError;
}

/**
 * The workspace's plugins/ folder: first-party plugins, loaded and enabled by
 * default. Found next to core's package (core/dist/plugins → ../../../plugins).
 */
export function defaultWorkspacePluginsDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../plugins');
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function isDir(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isDirectory(), () => false);
}

/** First-party plugin packages: folders of `dir` whose package.json has a `panoptes.plugin` field. */
export async function listWorkspacePlugins(dir: string): Promise<{ dirName: string; packageName: string; packageDir: string }[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: { dirName: string; packageName: string; packageDir: string }[] = [];
  for (const dirName of names.sort()) {
    const packageDir = path.join(dir, dirName);
    const pkg = await readJson(path.join(packageDir, 'package.json'));
    if (pkg && typeof pkg.name === 'string' && (pkg.panoptes as { plugin?: unknown } | undefined)?.plugin !== undefined) {
      out.push({ dirName, packageName: pkg.name, packageDir });
    }
  }
  return out;
}

/** True when `use` is a file system path rather than a package name. */
export function isPathUse(use: string): boolean {
  return use.startsWith('.') || use.startsWith('/') || path.isAbsolute(use) || use.startsWith('file:');
}

/** Finds an installed npm package by walking up node_modules folders from each directory. */
async function findPackageDir(name: string, fromDirs: readonly string[]): Promise<string | undefined> {
  for (const start of fromDirs) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', ...name.split('/'));
      if (await readJson(path.join(candidate, 'package.json'))) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  return undefined;
}

/**
 * Turns the workspace's plugins and the config's `plugins` list into
 * candidates. A `use` naming a first-party plugin (folder name or package
 * name) configures it; a path is resolved against the config file's folder;
 * anything else is an npm package searched in node_modules above the config
 * file's folder, the working directory and core itself.
 */
export async function planPlugins(options: {
  readonly uses: readonly PluginUseConfig[];
  readonly workspaceDir: string;
  /** Folder of the config file; relative paths in `use` start here. */
  readonly configDir: string;
}): Promise<{ candidates: PluginCandidate[]; unresolved: UnresolvedUse[] }> {
  const workspace = await listWorkspacePlugins(options.workspaceDir);
  const firstParty = new Map(workspace.map((w) => [w.packageDir, { use: w.packageName, origin: 'workspace' as PluginOrigin, packageDir: w.packageDir, configIndex: undefined as number | undefined, enabled: true, config: {} as Readonly<Record<string, unknown>> }]));
  const others: PluginCandidate[] = [];
  const unresolved: UnresolvedUse[] = [];
  const coreDir = path.dirname(fileURLToPath(import.meta.url));

  for (const [index, entry] of options.uses.entries()) {
    const ws = workspace.find((w) => w.dirName === entry.use || w.packageName === entry.use);
    if (ws) {
      firstParty.set(ws.packageDir, { use: entry.use, origin: 'workspace', packageDir: ws.packageDir, configIndex: index, enabled: entry.enabled, config: entry.config });
      continue;
    }
    let packageDir: string | undefined;
    const origin: PluginOrigin = isPathUse(entry.use) ? 'path' : 'npm';
    if (origin === 'path') {
      const p = entry.use.startsWith('file:') ? fileURLToPath(entry.use) : path.resolve(options.configDir, entry.use);
      packageDir = (await isDir(p)) || (await stat(p).then(() => true, () => false)) ? p : undefined;
    } else {
      packageDir = await findPackageDir(entry.use, [options.configDir, process.cwd(), coreDir]);
    }
    if (!packageDir) {
      const where = origin === 'path' ? `no file or folder at ${path.resolve(options.configDir, entry.use)}` : `no package ${entry.use} in node_modules (install it with npm install ${entry.use})`;
      unresolved.push({ use: entry.use, configIndex: index, enabled: entry.enabled, error: new PluginHostError('PNP_PLUGIN_NOT_FOUND', entry.use, `plugins[${index}].use: ${where}`, { hook: 'load' }) });
      continue;
    }
    others.push({ use: entry.use, origin, packageDir, configIndex: index, enabled: entry.enabled, config: entry.config });
  }
  return { candidates: [...firstParty.values(), ...others], unresolved };
}

/**
 * The file to import for a package folder (or a file given directly): the
 * `import`/`default` condition of `exports["."]`, else `main`, else index.js.
 */
export async function packageEntry(packageDir: string): Promise<string> {
  if (!(await isDir(packageDir))) return packageDir;
  const pkg = (await readJson(path.join(packageDir, 'package.json'))) ?? {};
  const pick = (e: unknown): string | undefined => {
    if (typeof e === 'string') return e;
    if (e && typeof e === 'object') {
      const o = e as Record<string, unknown>;
      return pick(o['.'] ?? o.import ?? o.node ?? o.default);
    }
    return undefined;
  };
  const rel = pick(pkg.exports) ?? (typeof pkg.main === 'string' ? pkg.main : 'index.js');
  return path.resolve(packageDir, rel);
}
