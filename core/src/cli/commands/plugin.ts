import type { Command } from 'commander';
import { ConfigError, ConfigReadError, defaultConfig, loadConfigFile } from '../../config/index.js';
import { inspectPlugins } from '../../plugins/inspect.js';
import type { PluginStatus } from '../../plugins/plugin-status.js';
import { scaffoldPlugin, SCAFFOLD_KINDS } from '../../plugins/scaffold/scaffold.js';
import type { ScaffoldKind } from '../../plugins/scaffold/templates.js';

/** `panoptes plugin new|list`. */
export function registerPluginCommands(program: Command): void {
  const plugin = program.command('plugin').description('create and inspect plugins');

  plugin
    .command('new')
    .description('scaffold a plugin package with a working plugin and a passing test')
    .argument('<name>', 'plugin id, e.g. collector-acme (also the folder name)')
    .requiredOption('-k, --kind <kind>', `plugin kind: ${SCAFFOLD_KINDS.join(', ')}`)
    .option('-d, --dir <dir>', 'folder to create the package in', '.')
    .option('-p, --package <name>', 'npm package name (default panoptes-plugin-<name>)')
    .action(async (name: string, flags: { kind: string; dir: string; package?: string }) => {
      try {
        const { dir, files } = await scaffoldPlugin({ name, kind: flags.kind as ScaffoldKind, parentDir: flags.dir, ...(flags.package !== undefined && { packageName: flags.package }) });
        process.stdout.write(`created ${dir}\n${files.map((f) => `  ${f}\n`).join('')}\nnext:\n  cd ${dir}\n  npm install\n  npm test\n`);
      } catch (err) {
        process.stderr.write(`panoptes plugin new: ${(err as Error).message}\n`);
        process.exitCode = 1;
      }
    });

  plugin
    .command('list')
    .description('list plugins: from a running server with --server, else by loading and checking those of the config')
    .option('-c, --config <file>', 'configuration file (YAML)')
    .option('-s, --server <url>', 'ask a running server, e.g. http://127.0.0.1:9410')
    .option('--json', 'print JSON')
    .action(async (flags: { config?: string; server?: string; json?: boolean }) => {
      let statuses: PluginStatus[];
      try {
        statuses = flags.server ? await fromServer(flags.server) : await inspectPlugins(flags.config ? await loadConfigFile(flags.config) : defaultConfig());
      } catch (err) {
        const prefix = err instanceof ConfigError || err instanceof ConfigReadError ? 'invalid configuration:\n' : '';
        process.stderr.write(`panoptes plugin list: ${prefix}${(err as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(flags.json ? `${JSON.stringify(statuses, null, 2)}\n` : formatTable(statuses, flags.server === undefined));
      if (statuses.some((s) => s.state === 'failed')) process.exitCode = 1;
    });
}

async function fromServer(base: string): Promise<PluginStatus[]> {
  const url = new URL('/api/v1/plugins', base);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url.href}: HTTP ${res.status}`);
  return ((await res.json()) as { data: PluginStatus[] }).data;
}

/** A plain table; problems follow below it, one per failed plugin. */
export function formatTable(statuses: readonly PluginStatus[], offline: boolean): string {
  const rows = statuses.map((s) => [s.id, s.version ?? '-', s.kinds.join(',') || '-', s.sdk ?? '-', s.origin, offline && s.state === 'stopped' ? 'ok' : s.state]);
  const head = ['ID', 'VERSION', 'KINDS', 'SDK', 'ORIGIN', offline ? 'CHECK' : 'STATE'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `${r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
  let out = line(head) + rows.map(line).join('');
  for (const s of statuses) if (s.lastError && s.state !== 'disabled') out += `\n${s.id}: ${s.lastError.code}: ${s.lastError.message}\n`;
  return statuses.length === 0 ? 'no plugins\n' : out;
}
