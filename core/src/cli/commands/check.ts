import type { Command } from 'commander';
import { loadConfigFile } from '../../config/index.js';
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
          await loadConfigFile(file);
          process.stdout.write(`  SUCCESS: ${file} is a valid Panoptes configuration\n`);
        } catch (err) {
          failed = true;
          process.stdout.write(`  FAILED:\n`);
          process.stderr.write(`${(err as Error).message}\n`);
        }
      }
      process.exitCode = failed ? 1 : 0;
    });
  registerCheckRules(check);
}
