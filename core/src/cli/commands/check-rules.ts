import type { Command } from 'commander';

/** `panoptes check rules FILE…`; filled in by the rules area. */
export function registerCheckRules(_check: Command): void {}
