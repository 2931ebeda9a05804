import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import semver from 'semver';
import { isPlugin, manifestJsonSchema, SDK_VERSION, type Plugin } from '@panoptes/sdk';
import { errorMessage, PluginHostError } from './errors.js';
import { packageEntry } from './discover.js';

let validateManifest: ReturnType<Ajv['compile']> | undefined;

/**
 * Imports a plugin package and returns its `definePlugin` result (the
 * default export, or a named export `plugin`). Module top-level code runs
 * here; anything it throws becomes PNP_PLUGIN_LOAD naming the package.
 */
export async function importPlugin(use: string, packageDir: string): Promise<Plugin> {
  const entry = await packageEntry(packageDir);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (cause) {
    const hint = (cause as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' ? ' (is the plugin built? run npm run build in its package)' : '';
    throw new PluginHostError('PNP_PLUGIN_LOAD', use, `import ${entry}: ${errorMessage(cause)}${hint}`, { cause, hook: 'load' });
  }
  const found = [mod.default, mod.plugin].find(isPlugin);
  if (!found) {
    throw new PluginHostError('PNP_PLUGIN_LOAD', use, `${entry} does not export a plugin: export default definePlugin({...}) from @panoptes/sdk`, { hook: 'load' });
  }
  return found;
}

/**
 * Checks the manifest against the published schema, then the SDK range,
 * before any plugin hook runs. The SDK range refusal names the plugin, its
 * range and the host's SDK version, as Fastify's version check does.
 * Pre-releases of the host SDK satisfy a range that covers their release.
 */
export function checkManifest(plugin: Plugin, hostSdkVersion: string = SDK_VERSION): void {
  validateManifest ??= new Ajv({ allErrors: true, strict: false }).compile(manifestJsonSchema);
  const manifest = { id: plugin.id, version: plugin.version, sdk: plugin.sdk, kinds: plugin.kinds, description: plugin.description, configSchema: plugin.configSchema, publicPaths: plugin.publicPaths };
  for (const k of Object.keys(manifest) as (keyof typeof manifest)[]) if (manifest[k] === undefined) delete manifest[k];
  const id = typeof plugin.id === 'string' ? plugin.id : '<no id>';
  if (!validateManifest(manifest)) {
    const problems = (validateManifest.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
    throw new PluginHostError('PNP_PLUGIN_MANIFEST', id, `invalid manifest: ${problems.join('; ')}`, { hook: 'load' });
  }
  if (semver.validRange(plugin.sdk) === null) {
    throw new PluginHostError('PNP_PLUGIN_MANIFEST', id, `sdk ${JSON.stringify(plugin.sdk)} is not a semver range (e.g. ^1.0.0)`, { hook: 'load' });
  }
  if (!semver.satisfies(hostSdkVersion, plugin.sdk, { includePrerelease: true })) {
    throw new PluginHostError(
      'PNP_PLUGIN_SDK_RANGE',
      id,
      `needs SDK ${plugin.sdk}, but this server provides SDK ${hostSdkVersion}; install a version of ${id} built for SDK ${semver.major(hostSdkVersion)}.x (see docs/plugins/versioning.md)`,
      { hook: 'load' },
    );
  }
}
