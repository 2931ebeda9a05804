export * from './parser/index.js';
export { Engine } from './engine/engine.js';
export type { EngineOptions, QueryOptions, QueryResult, QueryData, VectorElement, MatrixSeries } from './engine/engine.js';
export { PromQLEvalError, PromQLTimeoutError, PromQLCanceledError, PromQLTooManySamplesError } from './errors.js';
export { formatGoFloat } from './format-float.js';
export { STALE_NAN, isStaleNaN } from './engine/stale.js';
export { MemoryQueryable } from './testing/memory-queryable.js';
