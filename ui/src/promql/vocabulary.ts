// PromQL words the editor knows without asking the server.

export interface FunctionDoc { name: string; signature: string; doc: string }

const fn = (name: string, signature: string, doc: string): FunctionDoc => ({ name, signature, doc });

export const FUNCTIONS: readonly FunctionDoc[] = [
  fn('abs', '(v instant-vector)', 'absolute value of each sample'),
  fn('absent', '(v instant-vector)', '1-element vector if v has no elements'),
  fn('absent_over_time', '(v range-vector)', '1-element vector if the range has no samples'),
  fn('ceil', '(v instant-vector)', 'round up to the nearest integer'),
  fn('changes', '(v range-vector)', 'number of value changes in the range'),
  fn('clamp', '(v instant-vector, min scalar, max scalar)', 'clamp values to [min, max]'),
  fn('clamp_max', '(v instant-vector, max scalar)', 'clamp values to at most max'),
  fn('clamp_min', '(v instant-vector, min scalar)', 'clamp values to at least min'),
  fn('day_of_month', '(v=vector(time()) instant-vector)', 'day of the month (UTC)'),
  fn('day_of_week', '(v=vector(time()) instant-vector)', 'day of the week (UTC), 0 = Sunday'),
  fn('day_of_year', '(v=vector(time()) instant-vector)', 'day of the year (UTC)'),
  fn('days_in_month', '(v=vector(time()) instant-vector)', 'number of days in the month (UTC)'),
  fn('delta', '(v range-vector)', 'difference between first and last value of a gauge'),
  fn('deriv', '(v range-vector)', 'per-second derivative by linear regression'),
  fn('exp', '(v instant-vector)', 'exponential function'),
  fn('floor', '(v instant-vector)', 'round down to the nearest integer'),
  fn('histogram_quantile', '(φ scalar, b instant-vector)', 'φ-quantile from histogram buckets'),
  fn('histogram_count', '(v instant-vector)', 'count of native histogram observations'),
  fn('histogram_sum', '(v instant-vector)', 'sum of native histogram observations'),
  fn('histogram_avg', '(v instant-vector)', 'average of native histogram observations'),
  fn('histogram_fraction', '(lower scalar, upper scalar, v instant-vector)', 'fraction of observations between bounds'),
  fn('holt_winters', '(v range-vector, sf scalar, tf scalar)', 'smoothed value (double exponential smoothing)'),
  fn('double_exponential_smoothing', '(v range-vector, sf scalar, tf scalar)', 'smoothed value (double exponential smoothing)'),
  fn('hour', '(v=vector(time()) instant-vector)', 'hour of the day (UTC)'),
  fn('idelta', '(v range-vector)', 'difference between the last two samples'),
  fn('increase', '(v range-vector)', 'increase of a counter over the range'),
  fn('irate', '(v range-vector)', 'per-second rate from the last two samples'),
  fn('label_join', '(v instant-vector, dst string, sep string, src...string)', 'join label values into a new label'),
  fn('label_replace', '(v instant-vector, dst string, replacement string, src string, regex string)', 'regex-replace a label'),
  fn('ln', '(v instant-vector)', 'natural logarithm'),
  fn('log2', '(v instant-vector)', 'binary logarithm'),
  fn('log10', '(v instant-vector)', 'decimal logarithm'),
  fn('minute', '(v=vector(time()) instant-vector)', 'minute of the hour (UTC)'),
  fn('month', '(v=vector(time()) instant-vector)', 'month of the year (UTC)'),
  fn('predict_linear', '(v range-vector, t scalar)', 'predicted value t seconds from now'),
  fn('rate', '(v range-vector)', 'per-second average rate of a counter'),
  fn('resets', '(v range-vector)', 'number of counter resets'),
  fn('round', '(v instant-vector, to_nearest=1 scalar)', 'round to the nearest multiple'),
  fn('scalar', '(v instant-vector)', 'single-element vector as a scalar'),
  fn('sgn', '(v instant-vector)', 'sign of each value'),
  fn('sort', '(v instant-vector)', 'sort ascending by value'),
  fn('sort_desc', '(v instant-vector)', 'sort descending by value'),
  fn('sort_by_label', '(v instant-vector, label string, ...)', 'sort by label values'),
  fn('sort_by_label_desc', '(v instant-vector, label string, ...)', 'sort by label values, descending'),
  fn('sqrt', '(v instant-vector)', 'square root'),
  fn('time', '()', 'evaluation time in seconds'),
  fn('timestamp', '(v instant-vector)', 'timestamp of each sample'),
  fn('vector', '(s scalar)', 'scalar as a single-element vector'),
  fn('year', '(v=vector(time()) instant-vector)', 'year (UTC)'),
  fn('avg_over_time', '(v range-vector)', 'average over the range'),
  fn('min_over_time', '(v range-vector)', 'minimum over the range'),
  fn('max_over_time', '(v range-vector)', 'maximum over the range'),
  fn('sum_over_time', '(v range-vector)', 'sum over the range'),
  fn('count_over_time', '(v range-vector)', 'count of samples in the range'),
  fn('quantile_over_time', '(φ scalar, v range-vector)', 'φ-quantile over the range'),
  fn('stddev_over_time', '(v range-vector)', 'standard deviation over the range'),
  fn('stdvar_over_time', '(v range-vector)', 'variance over the range'),
  fn('last_over_time', '(v range-vector)', 'most recent sample in the range'),
  fn('present_over_time', '(v range-vector)', '1 for series with samples in the range'),
  fn('mad_over_time', '(v range-vector)', 'median absolute deviation over the range'),
  fn('acos', '(v instant-vector)', 'arc cosine'), fn('asin', '(v instant-vector)', 'arc sine'), fn('atan', '(v instant-vector)', 'arc tangent'),
  fn('cos', '(v instant-vector)', 'cosine'), fn('sin', '(v instant-vector)', 'sine'), fn('tan', '(v instant-vector)', 'tangent'),
  fn('deg', '(v instant-vector)', 'radians to degrees'), fn('rad', '(v instant-vector)', 'degrees to radians'), fn('pi', '()', 'π'),
];

export const AGGREGATIONS: readonly FunctionDoc[] = [
  fn('sum', ' [by|without (labels)] (v)', 'sum over dimensions'),
  fn('avg', ' [by|without (labels)] (v)', 'average over dimensions'),
  fn('min', ' [by|without (labels)] (v)', 'minimum over dimensions'),
  fn('max', ' [by|without (labels)] (v)', 'maximum over dimensions'),
  fn('count', ' [by|without (labels)] (v)', 'count of elements'),
  fn('group', ' [by|without (labels)] (v)', '1 per group'),
  fn('stddev', ' [by|without (labels)] (v)', 'population standard deviation'),
  fn('stdvar', ' [by|without (labels)] (v)', 'population variance'),
  fn('topk', '(k, v)', 'largest k elements by value'),
  fn('bottomk', '(k, v)', 'smallest k elements by value'),
  fn('limitk', '(k, v)', 'k elements, chosen deterministically'),
  fn('limit_ratio', '(ratio, v)', 'a deterministic ratio of elements'),
  fn('quantile', '(φ, v)', 'φ-quantile over dimensions'),
  fn('count_values', '(label, v)', 'count of elements with the same value'),
];

export const KEYWORDS = ['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool', 'and', 'or', 'unless', 'atan2'] as const;
export const SET_OPERATORS = new Set(['and', 'or', 'unless', 'atan2']);
export const LABEL_LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

export const FUNCTION_NAMES = new Set(FUNCTIONS.map((f) => f.name));
export const AGGREGATION_NAMES = new Set(AGGREGATIONS.map((f) => f.name));
export const KEYWORD_NAMES = new Set<string>(KEYWORDS);

export const DURATION_SUGGESTIONS = ['1m', '5m', '10m', '30m', '1h', '6h', '1d', '$__rate_interval'];
