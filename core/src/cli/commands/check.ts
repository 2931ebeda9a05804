import type { Command } from 'commander';
import { compileAlertingConfig } from '../../alerting/compile-config.js';
import type { AlertingSectionConfig } from '../../alerting/config-types.js';
import { loadConfigFile } from '../../config/index.js';
import { inspectPlugins } from '../../plugins/inspect.js';
import { loadRuleFiles } from '../../rules/load-rule-files.js';
import { registerCheckRules } from './check-rules.js';

/** `panoptes check config|rules`: exit 0 when every file is valid, 1 otherwise, like promtool. */
export function registerCheckCommands(program: Command): void {
  const check = program.command('check').description('validate configuration and rule files without starting a server');
  check
    .command('config')
    .description('validate configuration files')
    .argument('<file...>', 'configuration files')
    .action(async (files: string[]) => {
      let failed = false;
      for (const file of files) {
        process.stdout.write(`Checking ${file}\n`);
        try {
          const loaded = await loadConfigFile(file);
          const { config } = loaded;
          // What the server would refuse at start-up, checked here too (as promtool checks rule files).
          compileAlertingConfig(config.alerting as AlertingSectionConfig);
          const rules = await loadRuleFiles(config.rule_files);
          process.stdout.write(`  rule files: ${rules.groups.length} group(s) in ${config.rule_files.length} pattern(s)\n`);
          const broken = (await inspectPlugins(loaded)).filter((p) => p.lastError !== null);
          if (broken.length > 0) throw new Error(broken.map((p) => p.lastError!.message).join('\n'));
          process.stdout.write(`  SUCCESS: ${file} is a valid Panoptes configuration\n`);
        } catch (err) {
          failed = true;
          process.stdout.write(`  FAILED:\n`);
          // Config errors already start with file:line:col; alerting and rule problems get the file named.
          const lines = (err as Error).message.split('\n');
          const named = lines.map((l) => (l.startsWith(file) || l.startsWith('/') ? l : `${file}: ${l}`));
          process.stderr.write(`${named.join('\n')}\n`);
        }
      }
      process.exitCode = failed ? 1 : 0;
    });
  registerCheckRules(check);
}
