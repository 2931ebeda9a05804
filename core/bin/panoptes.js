#!/usr/bin/env node
// The `panoptes` command. Kept as plain JS so the bin link exists before the first build.
import { buildProgram } from '../dist/cli/main.js';

await buildProgram().parseAsync(process.argv);
