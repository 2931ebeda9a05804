import { trace, SpanStatusCode, type Span, type Tracer } from '@opentelemetry/api';
import type { TracingConfig } from '../config/index.js';

/** Self-tracing handle. `tracer` is undefined when tracing is off: callers then do nothing. */
export interface SelfTracing {
  readonly tracer: Tracer | undefined;
  shutdown(): Promise<void>;
}

const OFF: SelfTracing = { tracer: undefined, shutdown: async () => {} };

/**
 * Starts OTLP/HTTP export of the server's own spans when enabled. The SDK is
 * imported only then, so tracing costs nothing (not even module loading)
 * when off. Spans are made by hand in the HTTP and storage layers rather than
 * by auto-instrumentation, which in ESM would need a loader flag on `node`.
 */
export async function startTracing(config: TracingConfig, version: string): Promise<SelfTracing> {
  if (!config.enabled) return OFF;
  const [{ NodeSDK, tracing }, { OTLPTraceExporter }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
  ]);
  const { TraceIdRatioBasedSampler, BatchSpanProcessor } = tracing;
  const exporter = new OTLPTraceExporter({ url: config.endpoint, headers: { ...config.headers } });
  const sdk = new NodeSDK({
    serviceName: config.service_name,
    sampler: new TraceIdRatioBasedSampler(config.sample_ratio),
    // One second keeps spans visible promptly without a request per span.
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })],
    instrumentations: [],
  });
  sdk.start();
  return {
    tracer: trace.getTracer('panoptes', version),
    shutdown: () => sdk.shutdown(),
  };
}

/** Runs `fn` inside a span when a tracer is given; otherwise just runs it. */
export async function withSpan<T>(
  tracer: Tracer | undefined,
  name: string,
  attributes: Record<string, string | number>,
  fn: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  if (!tracer) return fn(undefined);
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}
