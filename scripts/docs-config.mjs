// Regenerates the schema-driven part of docs/configuration.md. Run after `npm run build`.
import { readFile, writeFile } from 'node:fs/promises';
import { renderConfigReference, spliceReference } from '../core/dist/config/reference.js';

const file = new URL('../docs/configuration.md', import.meta.url);
const markdown = await readFile(file, 'utf8');
await writeFile(file, spliceReference(markdown, renderConfigReference()));
console.log('docs/configuration.md updated');
