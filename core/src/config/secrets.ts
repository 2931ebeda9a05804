import type { FieldPath } from './source-map.js';

const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface SecretProblem {
  readonly path: FieldPath;
  readonly message: string;
}

/**
 * Replaces `${env:NAME}` in every string value with the environment
 * variable's value, in place. The `env:` prefix keeps relabel replacements
 * such as `${1}` untouched. Returns one problem per unset variable.
 */
export function expandEnvRefs(
  node: unknown,
  env: Readonly<Record<string, string | undefined>>,
  path: (string | number)[] = [],
  problems: SecretProblem[] = [],
): SecretProblem[] {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      if (typeof item === 'string') node[i] = expandString(item, env, [...path, i], problems);
      else expandEnvRefs(item, env, [...path, i], problems);
    });
  } else if (node !== null && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(obj)) {
      if (typeof value === 'string') obj[key] = expandString(value, env, [...path, key], problems);
      else expandEnvRefs(value, env, [...path, key], problems);
    }
  }
  return problems;
}

function expandString(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
  path: FieldPath,
  problems: SecretProblem[],
): string {
  return value.replace(ENV_REF, (_whole, name: string) => {
    const resolved = env[name];
    if (resolved === undefined) {
      problems.push({ path, message: `environment variable ${name} is not set` });
      return '';
    }
    return resolved;
  });
}
