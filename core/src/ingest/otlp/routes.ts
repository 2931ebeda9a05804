import { Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IngestError } from '../errors.js';
import type { IngestStores } from '../shared-stores.js';
import type { PushWriter } from '../push-writer.js';
import { decodeOtlpProtobuf, ExportMetricsServiceResponse, RpcStatus } from './otlp-proto.js';
import { translateOtlpMetrics } from './otlp-translate.js';

/** The OTLP/HTTP spec's recommended limit on a decompressed request. */
export const OTLP_MAX_BYTES = 64 * 1024 * 1024;

/** gRPC status codes used in error bodies. */
const INVALID_ARGUMENT = 3;
const UNAVAILABLE = 14;
const INTERNAL = 13;

function isProtobuf(request: FastifyRequest): boolean {
  return /^application\/x-protobuf/i.test(String(request.headers['content-type'] ?? ''));
}

/** Counts decompressed bytes and fails with 413 past the limit, so a gzip bomb stops early. */
function limitBytes(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(Object.assign(new Error(`decompressed request is larger than ${max} bytes`), { statusCode: 413 }));
      else done(null, chunk);
    },
  });
}

/** Answers in the request's encoding, as OTLP/HTTP requires. */
function sendStatus(request: FastifyRequest, reply: FastifyReply, http: number, code: number, message: string): FastifyReply {
  if (http === 503) reply.header('retry-after', '1');
  if (isProtobuf(request)) return reply.code(http).type('application/x-protobuf').send(Buffer.from(RpcStatus.encode(RpcStatus.fromObject({ code, message })).finish()));
  return reply.code(http).type('application/json').send({ code, message });
}

/**
 * `POST /v1/metrics` (and Prometheus' path `/api/v1/otlp/v1/metrics`):
 * OTLP/HTTP metrics in protobuf or JSON, optionally gzip. Full success is
 * 200 with an empty response; rejected points are reported in
 * `partial_success` (200, not to be retried); undecodable bodies are 400;
 * a storage failure is 503 (OTLP retries only 429/502/503/504).
 */
export function registerOtlpRoutes(app: FastifyInstance, writer: () => PushWriter, stores: IngestStores, onResult: (ok: number, failed: number) => void): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    let decoded: unknown;
    try {
      const body = request.body;
      if (isProtobuf(request)) decoded = Buffer.isBuffer(body) ? decodeOtlpProtobuf(body) : {};
      else decoded = body ?? {};
    } catch (err) {
      return sendStatus(request, reply, 400, INVALID_ARGUMENT, `cannot decode the OTLP request: ${(err as Error).message}`);
    }
    const translated = translateOtlpMetrics(decoded, Date.now());
    let accepted = 0;
    const errors = [...translated.errors];
    let rejected = translated.rejected;
    try {
      const result = await writer().write(translated.points);
      accepted = result.accepted;
      rejected += result.rejected.length;
      for (const r of result.rejected.slice(0, 3)) errors.push(r.error);
    } catch (err) {
      if (err instanceof IngestError && err.statusCode === 503) return sendStatus(request, reply, 503, UNAVAILABLE, err.message);
      request.log.error({ err }, 'OTLP metrics ingest failed');
      return sendStatus(request, reply, 500, INTERNAL, 'internal error');
    }
    for (const m of translated.metadata) stores.metadata.add(m.name, m.entry);
    for (const e of translated.exemplars) stores.exemplars.add(e);
    onResult(accepted, rejected);
    const partial = rejected > 0 ? { partialSuccess: { rejectedDataPoints: rejected, errorMessage: errors.join('; ') } } : {};
    if (isProtobuf(request)) {
      return reply.code(200).type('application/x-protobuf').send(Buffer.from(ExportMetricsServiceResponse.encode(ExportMetricsServiceResponse.fromObject(partial)).finish()));
    }
    return reply.code(200).type('application/json').send(rejected > 0 ? { partialSuccess: { rejectedDataPoints: String(rejected), errorMessage: errors.join('; ') } } : {});
  };
  const options = {
    bodyLimit: OTLP_MAX_BYTES,
    preParsing: async (request: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream) => {
      if (/gzip/i.test(String(request.headers['content-encoding'] ?? ''))) {
        delete request.headers['content-length'];
        return payload.pipe(zlib.createGunzip()).pipe(limitBytes(OTLP_MAX_BYTES));
      }
      return payload;
    },
    errorHandler: (err: Error & { statusCode?: number; code?: string }, request: FastifyRequest, reply: FastifyReply) => {
      const status = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413 ? 413 : err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
      return sendStatus(request, reply, status, status === 500 ? INTERNAL : INVALID_ARGUMENT, err.message);
    },
  };
  app.post('/v1/metrics', options, handler);
  app.post('/api/v1/otlp/v1/metrics', options, handler);
}
