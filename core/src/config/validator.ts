import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parseBytes } from './bytes.js';
import { parseDuration } from './duration.js';
import { configSchema } from './schema/index.js';
import { labelName } from './schema/common.js';

export function isHostPort(value: string): boolean {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+|):(\d{1,5})$/.exec(value);
  return m !== null && Number(m[2]) <= 65535;
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Why a regex does not compile, or undefined when it does (anchored and dot-all, as Prometheus uses it). */
export function regexProblem(source: string): string | undefined {
  try {
    new RegExp(`^(?:${source})$`, 's');
    return undefined;
  } catch (err) {
    // V8 says "Invalid regular expression: /<source>/s: <reason>"; keep the reason.
    return (err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  }
}

function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true, allowUnionTypes: true, verbose: true });
  ajv.addFormat('duration', { type: 'string', validate: (v: string) => parseDuration(v) !== undefined });
  ajv.addFormat('bytes', { type: 'string', validate: (v: string) => parseBytes(v) !== undefined });
  ajv.addFormat('host-port', { type: 'string', validate: isHostPort });
  ajv.addFormat('http-url', { type: 'string', validate: isHttpUrl });
  ajv.addFormat('regex', { type: 'string', validate: (v: string) => regexProblem(v) === undefined });
  return ajv;
}

let compiled: ValidateFunction | undefined;
let shared: Ajv | undefined;

/** The config validator, compiled once. It fills in schema defaults in place. */
export function configValidator(): ValidateFunction {
  compiled ??= sharedAjv().compile(configSchema);
  return compiled;
}

/**
 * Compiles any schema with the same formats, e.g. a plugin's config schema.
 * One Ajv instance serves every schema: a new instance recompiles Ajv's
 * meta-schemas, which cost tens of milliseconds of start-up per plugin.
 * Ajv caches by schema object, so compiling the same object again is free.
 */
export function compileSchema(schema: object): ValidateFunction {
  return sharedAjv().compile(schema);
}

function sharedAjv(): Ajv {
  shared ??= createAjv();
  return shared;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
};

/** Turns one ajv error into a human message; the caller adds file, position and path. */
export function describeAjvError(err: ErrorObject, value: unknown): string {
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'format': {
      const shown = JSON.stringify(value);
      switch (params.format) {
        case 'duration':
          return `${shown} is not a duration (use Prometheus syntax such as 15s, 1m30s, 2h)`;
        case 'bytes':
          return `${shown} is not a byte size (such as 512MB or 1GiB)`;
        case 'host-port':
          return `${shown} is not a host:port address`;
        case 'http-url':
          return `${shown} is not an http or https URL`;
        case 'regex':
          return `${shown} is not a valid regular expression: ${regexProblem(String(value))}`;
        default:
          return `${shown} is not a valid ${String(params.format)}`;
      }
    }
    case 'type': {
      const types = String(params.type).split(',').map((t) => TYPE_WORDS[t] ?? t);
      return `expected ${types.join(' or ')}, got ${describe(value)}`;
    }
    case 'enum':
      return `${JSON.stringify(value)} is not one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'pattern':
      if (params.pattern === labelName.pattern) return `${JSON.stringify(value)} is not a valid label name`;
      return `${JSON.stringify(value)} does not match ${String(params.pattern)}`;
    case 'minimum':
      return `${JSON.stringify(value)} must be at least ${String(params.limit)}`;
    case 'maximum':
      return `${JSON.stringify(value)} must be at most ${String(params.limit)}`;
    case 'minLength':
      return 'must not be empty';
    case 'minItems':
      return `must have at least ${String(params.limit)} item(s)`;
    default:
      return err.message ?? err.keyword;
  }
}
