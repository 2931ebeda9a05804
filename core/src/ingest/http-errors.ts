import type { FastifyError, FastifyInstance } from 'fastify';

/**
 * Maps errors in the ingest routes to plain-text answers senders log:
 * IngestError carries its status (4xx bad input, 503 retry later); Fastify's
 * own body errors become 400/415; the server not being ready is 503 (retry);
 * anything unexpected is 500, logged, with no stack in the body.
 */
export function installIngestErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { code?: string }, request, reply) => {
    let status: number;
    let message = err.message;
    if (err.name === 'IngestError' && typeof err.statusCode === 'number') status = err.statusCode;
    else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      status = 400;
      message = `request body is larger than the server's limit (server.max_request_body): ${err.message}`;
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') status = 415;
    else if (err.code === 'PNP_SERVER_NOT_READY') status = 503;
    else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) status = err.statusCode;
    else {
      status = 500;
      request.log.error({ err, url: request.url }, 'ingest request failed');
    }
    if (status === 503) reply.header('retry-after', '1');
    reply.code(status).type('text/plain; charset=utf-8').send(`${message}\n`);
  });
}
