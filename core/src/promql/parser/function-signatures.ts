import type { ValueType } from './ast.js';

/**
 * Argument and return types of every PromQL function, as the parser checks
 * them. `variadic` follows Prometheus: 0 means exactly argTypes.length
 * arguments; n > 0 means the last argument type is optional and may repeat
 * up to n times; -1 means it may repeat without limit.
 */
export interface FunctionSignature {
  readonly name: string;
  readonly argTypes: readonly ValueType[];
  readonly variadic: number;
  readonly returnType: ValueType;
  /** Experimental in Prometheus (behind a feature flag). */
  readonly experimental?: boolean;
}

const v: ValueType = 'vector';
const m: ValueType = 'matrix';
const s: ValueType = 'scalar';
const str: ValueType = 'string';

function sig(name: string, argTypes: ValueType[], returnType: ValueType = v, variadic = 0, experimental = false): FunctionSignature {
  return { name, argTypes, variadic, returnType, experimental };
}

const list: FunctionSignature[] = [
  sig('abs', [v]), sig('absent', [v]), sig('absent_over_time', [m]),
  sig('acos', [v]), sig('acosh', [v]), sig('asin', [v]), sig('asinh', [v]),
  sig('atan', [v]), sig('atanh', [v]), sig('cos', [v]), sig('cosh', [v]),
  sig('sin', [v]), sig('sinh', [v]), sig('tan', [v]), sig('tanh', [v]),
  sig('deg', [v]), sig('rad', [v]), sig('pi', [], s),
  sig('avg_over_time', [m]), sig('ceil', [v]), sig('changes', [m]),
  sig('clamp', [v, s, s]), sig('clamp_max', [v, s]), sig('clamp_min', [v, s]),
  sig('count_over_time', [m]),
  sig('days_in_month', [v], v, 1), sig('day_of_month', [v], v, 1),
  sig('day_of_week', [v], v, 1), sig('day_of_year', [v], v, 1),
  sig('hour', [v], v, 1), sig('minute', [v], v, 1), sig('month', [v], v, 1),
  sig('year', [v], v, 1),
  sig('delta', [m]), sig('deriv', [m]), sig('exp', [v]), sig('floor', [v]),
  sig('histogram_count', [v]), sig('histogram_sum', [v]), sig('histogram_avg', [v]),
  sig('histogram_stddev', [v]), sig('histogram_stdvar', [v]),
  sig('histogram_fraction', [s, s, v]), sig('histogram_quantile', [s, v]),
  sig('histogram_quantiles', [v, str, s], v, -1, true),
  sig('double_exponential_smoothing', [m, s, s], v, 0, true),
  sig('holt_winters', [m, s, s]),
  sig('idelta', [m]), sig('increase', [m]), sig('irate', [m]),
  sig('info', [v, v], v, 1, true),
  sig('label_replace', [v, str, str, str, str]),
  sig('label_join', [v, str, str, str], v, -1),
  sig('last_over_time', [m]), sig('first_over_time', [m], v, 0, true),
  sig('ln', [v]), sig('log10', [v]), sig('log2', [v]),
  sig('mad_over_time', [m], v, 0, true),
  sig('max_over_time', [m]), sig('min_over_time', [m]),
  sig('predict_linear', [m, s]), sig('present_over_time', [m]),
  sig('quantile_over_time', [s, m]), sig('rate', [m]), sig('resets', [m]),
  sig('round', [v, s], v, 1), sig('scalar', [v], s), sig('sgn', [v]),
  sig('sort', [v]), sig('sort_desc', [v]),
  sig('sort_by_label', [v, str], v, -1, true), sig('sort_by_label_desc', [v, str], v, -1, true),
  sig('sqrt', [v]), sig('stddev_over_time', [m]), sig('stdvar_over_time', [m]),
  sig('sum_over_time', [m]), sig('time', [], s), sig('timestamp', [v]),
  sig('vector', [s]),
  sig('step', [], s, 0, true), sig('range', [], s, 0, true),
  sig('start', [], s, 0, true), sig('end', [], s, 0, true),
  sig('min_of', [s, s], s, 0, true), sig('max_of', [s, s], s, 0, true),
  sig('ts_of_min_over_time', [m], v, 0, true), sig('ts_of_max_over_time', [m], v, 0, true),
  sig('ts_of_first_over_time', [m], v, 0, true), sig('ts_of_last_over_time', [m], v, 0, true),
];

export const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map(list.map((f) => [f.name, f]));

export function typeName(t: ValueType): string {
  switch (t) {
    case 'scalar': return 'scalar';
    case 'vector': return 'instant vector';
    case 'matrix': return 'range vector';
    case 'string': return 'string';
  }
}
