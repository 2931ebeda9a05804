/**
 * @panoptes/sdk/testing: run a plugin alone in a unit test, with a fake
 * clock, captured samples, notifications, logs and metrics, and an
 * in-memory store.
 */
export { createTestHarness, TestHarness, type HarnessOptions, type HarnessResponse, type CapturedSample, type CapturedNotification, type LogLine } from './harness.js';
export { createMemoryStore, type MemoryStore } from './memory-store.js';
export { createMemoryMetrics, type MemoryMetrics } from './memory-metrics.js';
export { exampleNotificationGroup } from './example-group.js';
export { checkPluginConformance } from './conformance.js';
