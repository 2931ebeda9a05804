import type { FastifyReply } from 'fastify';
import { compileSchema } from '../config/validator.js';
import type { Area } from '../server/area.js';
import { dashboardSchema } from './dashboard-schema.js';
import { DashboardStore } from './dashboard-store.js';
import { DASHBOARD_ERROR_HTTP, DashboardError } from './errors.js';

/** Largest dashboard accepted; a big Grafana import is ~200 KiB. */
const MAX_DASHBOARD_BYTES = 1024 * 1024;

/**
 * Dashboards CRUD for the UI, persisted in the data directory:
 * GET/POST /api/v1/dashboards, GET/PUT/DELETE /api/v1/dashboards/:id.
 * Answers use the Prometheus envelope (`status`, `data` | `errorType`, `error`).
 */
export const dashboardsArea: Area = async (app, ctx) => {
  const validate = compileSchema(dashboardSchema);
  let store: DashboardStore | undefined;
  const dashboards = (): DashboardStore => (store ??= new DashboardStore(ctx.storage.keyspace('dashboards')));

  const checkBody = (body: unknown): Record<string, unknown> => {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new DashboardError('PNP_DASHBOARD_INVALID', 'the body must be a JSON object');
    }
    if (!validate(body)) {
      const first = validate.errors![0]!;
      const at = first.instancePath === '' ? 'dashboard' : `dashboard${first.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')}`;
      throw new DashboardError('PNP_DASHBOARD_INVALID', `${at}: ${first.message ?? 'is invalid'}`);
    }
    return body as Record<string, unknown>;
  };

  const fail = (reply: FastifyReply, err: unknown): unknown => {
    if (!(err instanceof DashboardError)) throw err;
    const { status, errorType } = DASHBOARD_ERROR_HTTP[err.code];
    reply.code(status);
    return { status: 'error', errorType, error: err.message };
  };

  const bodyLimit = MAX_DASHBOARD_BYTES;
  app.get('/api/v1/dashboards', async () => ({ status: 'success', data: await dashboards().list() }));
  app.get<{ Params: { id: string } }>('/api/v1/dashboards/:id', async (req, reply) => {
    try {
      return { status: 'success', data: await dashboards().get(req.params.id) };
    } catch (err) {
      return fail(reply, err);
    }
  });
  app.post('/api/v1/dashboards', { bodyLimit }, async (req, reply) => {
    try {
      const created = await dashboards().create(checkBody(req.body));
      reply.code(201);
      return { status: 'success', data: created };
    } catch (err) {
      return fail(reply, err);
    }
  });
  app.put<{ Params: { id: string } }>('/api/v1/dashboards/:id', { bodyLimit }, async (req, reply) => {
    try {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(req.params.id)) {
        throw new DashboardError('PNP_DASHBOARD_INVALID', `id ${JSON.stringify(req.params.id)} must be 1-64 letters, digits, '-' or '_'`);
      }
      return { status: 'success', data: await dashboards().save(req.params.id, checkBody(req.body)) };
    } catch (err) {
      return fail(reply, err);
    }
  });
  app.delete<{ Params: { id: string } }>('/api/v1/dashboards/:id', async (req, reply) => {
    try {
      await dashboards().delete(req.params.id);
      return { status: 'success', data: null };
    } catch (err) {
      return fail(reply, err);
    }
  });
};
