import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { PushWriter, PushPoint } from '../push-writer.js';
import { openTsdbLabels, parseOpenTsdbTimestamp, parseOpenTsdbValue } from './opentsdb-point.js';

interface DataPoint {
  metric?: unknown;
  timestamp?: unknown;
  value?: unknown;
  tags?: unknown;
}

/** Checks one JSON data point; returns the point or OpenTSDB's kind of error text. */
function toPoint(dp: DataPoint): PushPoint | string {
  if (typeof dp !== 'object' || dp === null) return 'data point is not an object';
  if (typeof dp.metric !== 'string' || dp.metric === '') return 'Metric name was empty';
  if (dp.timestamp === undefined || dp.timestamp === null || (typeof dp.timestamp !== 'number' && typeof dp.timestamp !== 'string')) return 'Invalid timestamp';
  const t = parseOpenTsdbTimestamp(dp.timestamp);
  if (typeof t === 'string') return t;
  if (dp.value === undefined || dp.value === null || dp.value === '') return 'Empty value';
  const v = parseOpenTsdbValue(dp.value);
  if (typeof v === 'string') return `Unable to parse value to a number: ${v}`;
  if (typeof dp.tags !== 'object' || dp.tags === null || Object.keys(dp.tags).length === 0) return 'Missing tags';
  const labels = openTsdbLabels(dp.metric, dp.tags as Record<string, string>);
  if (typeof labels === 'string') return labels;
  return { labels, t, v };
}

/**
 * `POST /api/put` as OpenTSDB answers it (COMPATIBILITY.md §8.2): one object
 * or an array; each point on its own; 204 when all were stored; 400 with an
 * error object when some failed; `?summary` and `?details` (details wins)
 * give counts and per-point errors. Gzip bodies are accepted.
 */
export function registerOpenTsdbPutRoute(app: FastifyInstance, writer: () => PushWriter, onResult: (ok: number, failed: number) => void): void {
  app.post(
    '/api/put',
    {
      preParsing: async (request, _reply, payload) => {
        if (/gzip/i.test(String(request.headers['content-encoding'] ?? ''))) {
          delete request.headers['content-length'];
          return payload.pipe(zlib.createGunzip());
        }
        return payload;
      },
    },
    async (request, reply) => {
      const q = request.query as Record<string, string | undefined>;
      const details = q.details !== undefined;
      const summary = q.summary !== undefined;
      const body = request.body;
      const list: DataPoint[] = Array.isArray(body) ? (body as DataPoint[]) : [body as DataPoint];
      const points: PushPoint[] = [];
      const origin: number[] = [];
      const errors: { datapoint: unknown; error: string }[] = [];
      list.forEach((dp, i) => {
        const p = toPoint(dp);
        if (typeof p === 'string') errors.push({ datapoint: dp, error: p });
        else {
          points.push(p);
          origin.push(i);
        }
      });
      const result = await writer().write(points);
      for (const r of result.rejected) errors.push({ datapoint: list[origin[r.index]!], error: r.error });
      const success = result.accepted;
      const failed = errors.length;
      onResult(success, failed);
      if (details) return reply.code(failed > 0 ? 400 : 200).send({ errors, failed, success });
      if (summary) return reply.code(failed > 0 ? 400 : 200).send({ failed, success });
      if (failed > 0) {
        return reply.code(400).send({
          error: {
            code: 400,
            message: 'One or more data points had errors',
            details: `Please see the TSD logs or append "details" to the put request. First error: ${errors[0]!.error}`,
          },
        });
      }
      return reply.code(204).send();
    },
  );
}
