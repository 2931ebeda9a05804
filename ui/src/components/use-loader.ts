// Loads data for a page and keeps loading/error state; `reload` refetches.

import { onBeforeUnmount, onMounted, ref, shallowRef, type Ref, type ShallowRef } from 'vue';

export interface Loader<T> { data: ShallowRef<T | undefined>; error: Ref<string>; loading: Ref<boolean>; reload: () => Promise<void> }

export function useLoader<T>(load: () => Promise<T>, opts: { refreshMs?: number } = {}): Loader<T> {
  const data = shallowRef<T>();
  const error = ref('');
  const loading = ref(false);
  let timer: ReturnType<typeof setInterval> | undefined;
  async function reload(): Promise<void> {
    loading.value = true;
    try {
      data.value = await load();
      error.value = '';
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
    } finally {
      loading.value = false;
    }
  }
  onMounted(() => {
    void reload();
    if (opts.refreshMs) timer = setInterval(() => void reload(), opts.refreshMs);
  });
  onBeforeUnmount(() => clearInterval(timer));
  return { data, error, loading, reload };
}

export function since(iso: string | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t) || t <= 0) return 'never';
  const s = Math.round((now - t) / 1000);
  if (s < 0) return `in ${-s}s`;
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m ago`;
  return `${Math.floor(s / 86400)}d ago`;
}
