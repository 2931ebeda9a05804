import type { ErrorObject } from 'ajv';
import type { FieldPath, SourceMap } from './source-map.js';
import { pointerToPath } from './source-map.js';
import { describeAjvError } from './validator.js';

/** One schema violation, with the field path (relative to the file's top) and its place in the file when known. */
export interface SchemaProblem {
  readonly path: FieldPath;
  readonly message: string;
  readonly pos: { line: number; column: number } | undefined;
}

/**
 * Turns ajv errors on `root` into problems that name the field and its line
 * and column. `prefix` says where `root` sits in the file (`[]` for the
 * whole config, `['plugins', 0, 'config']` for a plugin's config), so core
 * and plugin configs report alike. `emptyAllowed` is the message for an
 * unknown field where the schema allows no fields at all.
 */
export function schemaProblems(
  errors: readonly ErrorObject[],
  root: unknown,
  map: SourceMap | undefined,
  prefix: FieldPath = [],
  emptyAllowed = 'unknown field',
): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const err of errors) {
    const fieldPath = pointerToPath(err.instancePath, root);
    const inFile = [...prefix, ...fieldPath];
    const params = err.params as Record<string, unknown>;
    if (err.keyword === 'additionalProperties') {
      const key = String(params.additionalProperty);
      out.push({ path: [...inFile, key], message: unknownFieldMessage(key, err.parentSchema, emptyAllowed), pos: map?.keyPos(inFile, key) });
    } else if (err.keyword === 'required') {
      out.push({ path: [...inFile, String(params.missingProperty)], message: 'missing required field', pos: map?.valuePos(inFile) });
    } else if (err.keyword === 'propertyNames') {
      continue; // reported by the nested error that names the property
    } else if (err.propertyName !== undefined) {
      const key = err.propertyName;
      out.push({ path: [...inFile, key], message: describeAjvError(err, key), pos: map?.keyPos(inFile, key) });
    } else {
      out.push({ path: inFile, message: describeAjvError(err, valueAt(root, fieldPath)), pos: map?.valuePos(inFile) });
    }
  }
  return out;
}

function valueAt(root: unknown, fieldPath: FieldPath): unknown {
  let cursor = root;
  for (const seg of fieldPath) cursor = (cursor as Record<string | number, unknown> | undefined)?.[seg];
  return cursor;
}

function unknownFieldMessage(key: string, parentSchema: unknown, emptyAllowed: string): string {
  const allowed = Object.keys((parentSchema as { properties?: object } | undefined)?.properties ?? {});
  const close = allowed.filter((name) => editDistance(name, key) <= 2);
  if (close.length > 0) return `unknown field; did you mean ${close.map((c) => JSON.stringify(c)).join(' or ')}?`;
  return allowed.length > 0 ? `unknown field (allowed: ${allowed.join(', ')})` : emptyAllowed;
}

/** Levenshtein distance, for "did you mean" on misspelt fields. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
