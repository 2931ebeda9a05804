import { json } from './client.js';
import type { AmAlert, AmAlertGroup, PostableSilence, Silence } from './types.js';

export const alertGroups = (): Promise<AmAlertGroup[]> => json<AmAlertGroup[]>('/api/v2/alerts/groups');
export const alerts = (): Promise<AmAlert[]> => json<AmAlert[]>('/api/v2/alerts');
export const silences = (): Promise<Silence[]> => json<Silence[]>('/api/v2/silences');

export async function createSilence(silence: PostableSilence): Promise<string> {
  return (await json<{ silenceID: string }>('/api/v2/silences', { method: 'POST', body: silence })).silenceID;
}

export async function expireSilence(id: string): Promise<void> {
  await json<unknown>(`/api/v2/silence/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
