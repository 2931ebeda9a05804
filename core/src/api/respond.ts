import type { FastifyReply } from 'fastify';
import { ERROR_STATUS, toApiError } from './errors.js';
import { errorJson, successJson } from './json.js';

export function sendSuccess(reply: FastifyReply, dataJson: string | undefined, warnings: readonly string[] = [], infos: readonly string[] = []): FastifyReply {
  return reply.code(200).type('application/json').send(successJson(dataJson, warnings, infos));
}

export function sendError(reply: FastifyReply, err: unknown): FastifyReply {
  const e = toApiError(err);
  if (e.type === 'internal') reply.log.error({ err }, 'api request failed');
  return reply.code(ERROR_STATUS[e.type]).type('application/json').send(errorJson(e.type, e.message));
}
