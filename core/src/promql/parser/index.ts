export * from './ast.js';
export { parseExpr, exprType, parseNumber } from './parser.js';
export { PromQLParseError, formatPosition, positionSuffix } from './errors.js';
export { printExpr } from './printer.js';
export { parseDuration, formatDuration } from './duration.js';
export { FUNCTIONS } from './function-signatures.js';
export { compileMatcherRegex } from './regex.js';
