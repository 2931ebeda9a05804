export { expandAlertTemplate, templateProblem, type AlertTemplateData, type ExpandOptions } from './expand.js';
export type { QueryResultSample, TemplateQuery } from './functions.js';
export { formatE, formatF, formatG } from './go-format.js';
export { humanize, humanize1024, humanizeDuration, humanizePercentage, humanizeTimestamp, formatGoTime } from './humanize.js';
export { sprintf } from './printf.js';
