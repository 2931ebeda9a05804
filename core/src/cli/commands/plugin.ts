import type { Command } from 'commander';

/** `panoptes plugin new|list`; filled in by the plugin host. */
export function registerPluginCommands(_program: Command): void {}
