import { Command } from 'commander';
import { VERSION } from '../version.js';
import { registerCheckCommands } from './commands/check.js';
import { registerPluginCommands } from './commands/plugin.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTsdbCommands } from './commands/tsdb.js';

/**
 * Builds the `panoptes` command. Each subcommand lives in its own module
 * under commands/ and registers itself; adding one is one import and one call.
 */
export function buildProgram(): Command {
  const program = new Command('panoptes')
    .description('Panoptes: metrics, alerts and traces in one server.')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: true });
  registerServeCommand(program);
  registerCheckCommands(program);
  registerTsdbCommands(program);
  registerPluginCommands(program);
  addVersionEverywhere(program);
  return program;
}

/** `--version` answers on the root command and on every subcommand. */
function addVersionEverywhere(command: Command): void {
  command.version(VERSION, '-V, --version', 'print the version and exit');
  for (const sub of command.commands) addVersionEverywhere(sub);
}
