import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IngestError } from '../errors.js';
import type { RemoteWriteIngester, RemoteWriteVersion } from './remote-write-ingester.js';
import { describePartial, type WriteOutcome } from './write-outcome.js';

/**
 * Picks the schema from Content-Type, as the remote write 2.0 spec requires:
 * no `proto` parameter or `proto=prometheus.WriteRequest` is 1.0,
 * `proto=io.prometheus.write.v2.Request` is 2.0, anything else is 415.
 */
export function remoteWriteVersion(contentType: string | undefined, contentEncoding: string | undefined): RemoteWriteVersion {
  const encoding = (contentEncoding ?? 'snappy').trim().toLowerCase();
  if (encoding !== 'snappy') {
    throw new IngestError('PNP_INGEST_UNSUPPORTED_MEDIA', `unsupported Content-Encoding ${JSON.stringify(contentEncoding)}: remote write bodies must be snappy block-compressed`);
  }
  const [media = '', ...params] = (contentType ?? '').split(';').map((p) => p.trim());
  if (media.toLowerCase() !== 'application/x-protobuf') {
    throw new IngestError('PNP_INGEST_UNSUPPORTED_MEDIA', `unsupported Content-Type ${JSON.stringify(contentType ?? '')}: expected application/x-protobuf`);
  }
  const proto = params.find((p) => p.toLowerCase().startsWith('proto='))?.slice(6).replace(/^"|"$/g, '');
  if (proto === undefined || proto === 'prometheus.WriteRequest') return 1;
  if (proto === 'io.prometheus.write.v2.Request') return 2;
  throw new IngestError('PNP_INGEST_UNSUPPORTED_MEDIA', `unsupported remote write message ${JSON.stringify(proto)}: expected prometheus.WriteRequest or io.prometheus.write.v2.Request`);
}

function writtenHeaders(reply: FastifyReply, o: WriteOutcome): void {
  reply.header('X-Prometheus-Remote-Write-Samples-Written', String(o.samples));
  reply.header('X-Prometheus-Remote-Write-Histograms-Written', String(o.histograms));
  reply.header('X-Prometheus-Remote-Write-Exemplars-Written', String(o.exemplars));
}

/** Registers POST /api/v1/write and its Cortex/Mimir alias /api/v1/push. */
export function registerRemoteWriteRoutes(app: FastifyInstance, ingester: () => RemoteWriteIngester, onOutcome: (o: WriteOutcome) => void): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const version = remoteWriteVersion(request.headers['content-type'], request.headers['content-encoding'] as string | undefined);
    const body = request.body;
    if (!Buffer.isBuffer(body)) throw new IngestError('PNP_INGEST_BAD_REQUEST', 'empty request body');
    const outcome = await ingester().write(body, version);
    onOutcome(outcome);
    writtenHeaders(reply, outcome);
    if (outcome.rejectedSeries > 0) {
      // Partial writes must not be answered with 2xx; 400 so the sender does not retry what was written.
      reply.code(400).type('text/plain; charset=utf-8').send(`${describePartial(outcome)}\n`);
      return;
    }
    reply.code(204).send();
  };
  app.post('/api/v1/write', handler);
  app.post('/api/v1/push', handler);
}
