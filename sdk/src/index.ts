/**
 * @panoptes/sdk: everything a Panoptes plugin needs, and nothing of the
 * server's internals. Test plugins with `@panoptes/sdk/testing`.
 *
 * Stability: every export here is covered by semver (see
 * docs/plugins/versioning.md).
 */
export { SDK_VERSION } from './version.js';
export { SdkError, isSdkError, type SdkErrorCode, type ErrorSource } from './errors.js';
export { parseDuration } from './duration.js';
export { PLUGIN_KINDS, manifestJsonSchema, manifestProblems, type PluginKind, type PluginManifest, type JsonSchema } from './manifest.js';
export { definePlugin, isPlugin, PLUGIN_MARK, type Plugin, type PluginDefinition } from './define-plugin.js';
export type { PluginContext, PluginLogger, LogFields, HostInfo } from './context.js';
export { STALE_MARKER, isStaleMarker, sampleProblem, METRIC_NAME_RE, LABEL_NAME_RE, type Sample, type SampleAppender } from './samples.js';
export type { PromQuerier, InstantQueryResult, RangeQueryResult, InstantQueryOptions, RangeQueryOptions, LabelSet, Point } from './query.js';
export type { JobScheduler, JobOptions, JobHandle, JobFunction } from './jobs.js';
export { createKeyValueStore, type KeyValueStore, type RawKeyValueStore, type KeyRange } from './store.js';
export {
  compileRoutePattern,
  withinPublicPath,
  type HttpRoutes,
  type RouteOptions,
  type RouteHandler,
  type PluginRequest,
  type PluginResponse,
  type HttpMethod,
  type RoutePattern,
} from './http.js';
export type { PluginMetrics, MetricOptions, HistogramOptions, CounterMetric, GaugeMetric, HistogramMetric, MetricLabels } from './metrics.js';
export type { Notifier, NotifierRegistrar, NotificationGroup, NotificationAlert, NotifyOptions } from './notifier.js';
export type { Detector, DetectorRegistrar, DetectorInput } from './detector.js';
export { applyConfigDefaults } from './config-defaults.js';
