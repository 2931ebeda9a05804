import { formatG } from './go-format.js';
import type { Command, Node, Operand, Pipeline } from './parse.js';

/** A template function; may be async (e.g. `query`). Throwing aborts the expansion. */
export type TemplateFunc = (...args: unknown[]) => unknown;

export class TemplateExecError extends Error {}

/** Go's truthiness: false, 0, nil, and empty strings, lists and maps are false. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** How Go's fmt prints a value with %v, which is what `{{ x }}` writes. */
export function printValue(v: unknown): string {
  if (v === null || v === undefined) return '<no value>';
  if (typeof v === 'number') return formatG(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(printValue).join(' ')}]`;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${printValue((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  }
  return String(v);
}

class Scope {
  private readonly frames: Map<string, unknown>[] = [new Map()];
  push(): void {
    this.frames.push(new Map());
  }
  pop(): void {
    this.frames.pop();
  }
  declare(name: string, value: unknown): void {
    this.frames[this.frames.length - 1]!.set(name, value);
  }
  assign(name: string, value: unknown): void {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      if (this.frames[i]!.has(name)) {
        this.frames[i]!.set(name, value);
        return;
      }
    }
    throw new TemplateExecError(`undefined variable: ${name}`);
  }
  get(name: string): unknown {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      if (this.frames[i]!.has(name)) return this.frames[i]!.get(name);
    }
    throw new TemplateExecError(`undefined variable: ${name}`);
  }
}

function field(value: unknown, name: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Map) return value.get(name);
  if (typeof value === 'object') {
    const v = (value as Record<string, unknown>)[name];
    // Missing map keys read as the zero value, as Prometheus runs templates with missingkey=zero.
    return v === undefined && !Array.isArray(value) ? '' : v;
  }
  throw new TemplateExecError(`can't evaluate field ${name} in type ${typeof value}`);
}

const MAX_OUTPUT = 1 << 20;
/** Nested {{template}} calls allowed, as Go's maxExecDepth guards against runaway recursion. */
const MAX_DEPTH = 1000;
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');
/** `range` over an integer (Go 1.22+) is capped, so a template cannot stall an evaluation. */
const MAX_RANGE = 100_000;

function rangeOfInt(n: number): [number, number][] {
  if (n > MAX_RANGE) throw new TemplateExecError(`range over ${n} is more than ${MAX_RANGE} iterations`);
  return Array.from({ length: Math.max(0, Math.floor(n)) }, (_, i) => [i, i]);
}

type Step<T> = Generator<Promise<unknown>, T, unknown>;

function isPromise(v: unknown): v is Promise<unknown> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

/**
 * Runs a generator-based interpreter synchronously until a template function
 * returns a promise (only `query` does), then continues asynchronously. Most
 * templates never query, so they expand without allocating a promise per node.
 */
function drive<T>(gen: Step<T>): T | Promise<T> {
  const first = gen.next();
  if (first.done) return first.value;
  return (async (): Promise<T> => {
    let s: IteratorResult<Promise<unknown>, T> = first;
    while (!s.done) {
      let value: unknown;
      try {
        value = await s.value;
      } catch (err) {
        s = gen.throw(err);
        continue;
      }
      s = gen.next(value);
    }
    return s.value;
  })();
}

/** Runs a parsed template against `dot` with the given functions and returns the text (a promise only when a function was async). */
export function execTemplate(
  nodes: readonly Node[],
  dot: unknown,
  funcs: Readonly<Record<string, TemplateFunc>>,
  defs: ReadonlyMap<string, readonly Node[]> = new Map(),
): string | Promise<string> {
  let scope = new Scope();
  scope.declare('$', dot);
  let out = '';
  let depth = 0;

  const call = function* (fn: TemplateFunc, args: unknown[]): Step<unknown> {
    const r = fn(...args);
    return isPromise(r) ? yield r : r;
  };

  const operand = function* (op: Operand, cur: unknown): Step<unknown> {
    switch (op.kind) {
      case 'literal':
        return op.value;
      case 'dot':
        return op.fields.reduce(field, cur);
      case 'var':
        return op.fields.reduce(field, scope.get(op.name));
      case 'sub':
        return op.fields.reduce(field, yield* pipeline(op.pipe, cur));
      case 'ident': {
        const fn = funcs[op.name];
        if (!fn) throw new TemplateExecError(`function "${op.name}" not defined`);
        return yield* call(fn, []);
      }
    }
  };

  const command = function* (cmd: Command, cur: unknown, piped: unknown[]): Step<unknown> {
    const [head, ...rest] = cmd.args;
    if (head!.kind === 'ident') {
      const fn = funcs[head!.name];
      if (!fn) throw new TemplateExecError(`function "${head!.name}" not defined`);
      const args: unknown[] = [];
      for (const a of rest) args.push(yield* operand(a, cur));
      return yield* call(fn, [...args, ...piped]);
    }
    if (rest.length > 0 || piped.length > 0) throw new TemplateExecError(`can't give argument to non-function ${JSON.stringify(head)}`);
    return yield* operand(head!, cur);
  };

  const pipeline = function* (pipe: Pipeline, cur: unknown): Step<unknown> {
    let value: unknown;
    let piped: unknown[] = [];
    for (const cmd of pipe.cmds) {
      value = yield* command(cmd, cur, piped);
      piped = [value];
    }
    if (pipe.decl.length > 0) {
      const name = pipe.decl[pipe.decl.length - 1]!;
      if (pipe.assign) scope.assign(name, value);
      else scope.declare(name, value);
    }
    return value;
  };

  const run = function* (list: readonly Node[], cur: unknown): Step<void> {
    for (const node of list) {
      if (out.length > MAX_OUTPUT) throw new TemplateExecError('template output too large');
      switch (node.kind) {
        case 'text':
          out += node.text;
          break;
        case 'break':
          throw BREAK;
        case 'continue':
          throw CONTINUE;
        case 'template': {
          const body = defs.get(node.name);
          if (!body) throw new TemplateExecError(`no such template "${node.name}"`);
          if (++depth > MAX_DEPTH) throw new TemplateExecError(`exceeded maximum template depth (${MAX_DEPTH})`);
          const arg = node.pipe ? yield* pipeline(node.pipe, cur) : null;
          // An invoked template starts with fresh variables: only `$`, set to its argument.
          const saved = scope;
          scope = new Scope();
          scope.declare('$', arg);
          try {
            yield* run(body, arg);
          } finally {
            scope = saved;
            depth--;
          }
          break;
        }
        case 'action': {
          const v = yield* pipeline(node.pipe, cur);
          if (node.pipe.decl.length === 0) out += printValue(v);
          break;
        }
        case 'if':
        case 'with': {
          scope.push();
          try {
            const v = yield* pipeline(node.pipe, cur);
            if (truthy(v)) yield* run(node.then, node.kind === 'with' ? v : cur);
            else yield* run(node.otherwise, cur);
          } finally {
            scope.pop();
          }
          break;
        }
        case 'range': {
          scope.push();
          try {
            const decl = node.pipe.decl;
            const v = yield* pipeline({ ...node.pipe, decl: [] }, cur);
            const entries: [unknown, unknown][] = Array.isArray(v)
              ? v.map((x, i) => [i, x])
              : v && typeof v === 'object'
                ? Object.keys(v)
                    .sort()
                    .map((k) => [k, (v as Record<string, unknown>)[k]])
                : typeof v === 'number'
                  ? rangeOfInt(v)
                  : [];
            if (entries.length === 0) yield* run(node.otherwise, cur);
            for (const [k, item] of entries) {
              if (decl.length === 2) {
                scope.declare(decl[0]!, k);
                scope.declare(decl[1]!, item);
              } else if (decl.length === 1) {
                scope.declare(decl[0]!, item);
              }
              try {
                yield* run(node.body, item);
              } catch (signal) {
                if (signal === BREAK) break;
                if (signal !== CONTINUE) throw signal;
              }
            }
          } finally {
            scope.pop();
          }
          break;
        }
      }
    }
  };

  return drive(
    (function* (): Step<string> {
      yield* run(nodes, dot);
      return out;
    })(),
  );
}
