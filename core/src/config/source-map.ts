import { isMap, isNode, isPair, isScalar, LineCounter, type Document } from 'yaml';

export type FieldPath = readonly (string | number)[];

/** `["scrape_configs", 0, "scrape_interval"]` → `scrape_configs[0].scrape_interval`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `/scrape_configs/0/scrape_interval` (JSON pointer) → path segments, numbers for list indexes. */
export function pointerToPath(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cursor: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key: string | number = Array.isArray(cursor) ? Number(seg) : seg;
    out.push(key);
    cursor = cursor !== null && typeof cursor === 'object' ? (cursor as Record<string | number, unknown>)[key] : undefined;
  }
  return out;
}

/** Finds line and column of fields in the parsed YAML document. */
export class SourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Position of a value, or of the nearest enclosing node present in the file. */
  valuePos(path: FieldPath): { line: number; column: number } {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return this.offsetPos(node.range[0]);
    }
    return { line: 0, column: 0 };
  }

  /** Position of a key in a mapping (for unknown fields), falling back to the mapping. */
  keyPos(mapPath: FieldPath, key: string): { line: number; column: number } {
    const map = mapPath.length === 0 ? this.doc.contents : this.doc.getIn(mapPath, true);
    if (isMap(map)) {
      for (const item of map.items) {
        if (isPair(item) && isScalar(item.key) && String(item.key.value) === key && item.key.range) {
          return this.offsetPos(item.key.range[0]);
        }
      }
    }
    return this.valuePos(mapPath);
  }

  offsetPos(offset: number): { line: number; column: number } {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}
