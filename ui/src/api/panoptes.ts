import { json } from './client.js';
import type { DashboardSummary, PluginInfo } from './types.js';
import type { Dashboard } from '../dashboards/model.js';

export async function plugins(): Promise<PluginInfo[]> {
  const body = await json<PluginInfo[] | { plugins: PluginInfo[] }>('/api/v1/plugins');
  return Array.isArray(body) ? body : body.plugins ?? [];
}

export async function listDashboards(): Promise<DashboardSummary[]> {
  const body = await json<DashboardSummary[] | { dashboards: DashboardSummary[] }>('/api/v1/dashboards');
  return Array.isArray(body) ? body : body.dashboards ?? [];
}

export const getDashboard = (id: string): Promise<Dashboard> => json<Dashboard>(`/api/v1/dashboards/${encodeURIComponent(id)}`);

export const createDashboard = (dashboard: Omit<Dashboard, 'id'> & { id?: string }): Promise<Dashboard> =>
  json<Dashboard>('/api/v1/dashboards', { method: 'POST', body: dashboard });

export const saveDashboard = (dashboard: Dashboard): Promise<Dashboard> =>
  json<Dashboard>(`/api/v1/dashboards/${encodeURIComponent(dashboard.id)}`, { method: 'PUT', body: dashboard });

export async function deleteDashboard(id: string): Promise<void> {
  await json<unknown>(`/api/v1/dashboards/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
