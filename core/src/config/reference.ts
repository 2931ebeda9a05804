import type { SchemaObject } from 'ajv';
import { configSchema } from './schema/index.js';

/**
 * Renders the configuration reference (docs/configuration.md, between the
 * generated-section markers) from the schema, so the docs cannot drift: a
 * test compares the file with this output.
 */
export function renderConfigReference(schema: SchemaObject = configSchema): string {
  const out: string[] = [];
  for (const [section, sub] of Object.entries(schema.properties as Record<string, SchemaObject>)) {
    out.push(`### \`${section}\``, '');
    if (sub.description) out.push(String(sub.description), '');
    out.push('| field | type | default | notes |', '| --- | --- | --- | --- |');
    const rows: string[] = [];
    collectRows(sub, section, rows);
    out.push(...rows, '');
  }
  return out.join('\n');
}

function collectRows(schema: SchemaObject, path: string, rows: string[]): void {
  const props = schema.properties as Record<string, SchemaObject> | undefined;
  const items = schema.items as SchemaObject | undefined;
  if (props && (schema.type === 'object' || schema.type === undefined)) {
    for (const [key, child] of Object.entries(props)) {
      const childPath = `${path}.${key}`;
      rows.push(row(childPath, child));
      collectRows(child, childPath, rows);
    }
  } else if (items && schema.type === 'array') {
    collectRows(items, `${path}[]`, rows);
  }
}

function row(path: string, schema: SchemaObject): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  return `| \`${path}\` | ${cell(typeName(schema))} | ${schema.default === undefined ? '' : `\`${cell(JSON.stringify(schema.default))}\``} | ${cell(String(schema.description ?? ''))} |`;
}

function typeName(schema: SchemaObject): string {
  if (schema.enum) return (schema.enum as unknown[]).map((v) => `\`${String(v)}\``).join(', ');
  if (schema.format === 'duration') return 'duration';
  if (schema.format === 'bytes') return 'byte size';
  if (schema.format === 'host-port') return 'host:port';
  if (schema.format === 'http-url') return 'URL';
  if (schema.format === 'regex') return 'regex';
  if (schema.type === 'array') return `list of ${typeName((schema.items as SchemaObject | undefined) ?? {})}`;
  if (schema.type === 'object') return schema.properties ? 'mapping' : 'mapping of strings';
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  return String(schema.type ?? 'any');
}

export const REFERENCE_BEGIN = '<!-- BEGIN GENERATED: configuration reference (npm run docs:config) -->';
export const REFERENCE_END = '<!-- END GENERATED -->';

/** Replaces the generated section of a markdown document. */
export function spliceReference(markdown: string, reference: string): string {
  const start = markdown.indexOf(REFERENCE_BEGIN);
  const end = markdown.indexOf(REFERENCE_END);
  if (start < 0 || end < start) throw new Error('configuration reference markers not found');
  return `${markdown.slice(0, start + REFERENCE_BEGIN.length)}\n\n${reference}\n${markdown.slice(end)}`;
}
