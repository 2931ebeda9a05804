import type { Command } from 'commander';

/** `panoptes tsdb stats|compact`; filled in by the storage issue. */
export function registerTsdbCommands(_program: Command): void {}
