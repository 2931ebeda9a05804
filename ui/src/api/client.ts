// A small typed client over fetch for the Prometheus-style envelope
// ({status, data, errorType, error, warnings}) and the plain JSON of Alertmanager v2.

import { ApiError } from '../errors.js';

export { ApiError };

export interface Envelope<T> {
  status: 'success' | 'error';
  data?: T;
  errorType?: string;
  error?: string;
  warnings?: string[];
  infos?: string[];
}

export interface ApiResult<T> { data: T; warnings: string[] }

export type Params = Record<string, string | number | string[] | undefined>;

export function encodeParams(params: Params): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, v);
    else search.append(key, String(value));
  }
  return search;
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(`cannot reach the server for ${path}: ${(err as Error).message}`, 'network', 0, path);
  }
}

async function readJson(res: Response, path: string): Promise<unknown> {
  const text = await res.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(`${path} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`, 'http', res.status, path);
  }
}

/**
 * Calls a Prometheus API v1 endpoint. Queries go as form-encoded POST (long
 * expressions do not fit in a URL); everything else as GET.
 */
export async function prom<T>(path: string, params: Params = {}, opts: { method?: 'GET' | 'POST'; signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
  const body = encodeParams(params);
  const method = opts.method ?? 'GET';
  const url = method === 'GET' && [...body.keys()].length > 0 ? `${path}?${body}` : path;
  const init: RequestInit = { method, headers: { Accept: 'application/json' }, signal: opts.signal ?? null };
  if (method === 'POST') {
    init.body = body;
    init.headers = { ...init.headers, 'Content-Type': 'application/x-www-form-urlencoded' };
  }
  const res = await send(url, init);
  const json = (await readJson(res, path)) as Envelope<T> | undefined;
  if (!json || typeof json !== 'object' || !('status' in json)) {
    throw new ApiError(`${path} answered ${res.status} without a Prometheus envelope`, 'http', res.status, path);
  }
  if (json.status !== 'success' || !res.ok) {
    throw new ApiError(json.error ?? `${path} failed with ${res.status}`, json.errorType ?? 'http', res.status, path);
  }
  return { data: json.data as T, warnings: [...(json.warnings ?? []), ...(json.infos ?? [])] };
}

/** Calls a plain-JSON endpoint (Alertmanager v2, Panoptes dashboards). */
export async function json<T>(path: string, opts: { method?: string; body?: unknown; params?: Params; signal?: AbortSignal } = {}): Promise<T> {
  const qs = opts.params ? encodeParams(opts.params).toString() : '';
  const url = qs ? `${path}?${qs}` : path;
  const init: RequestInit = { method: opts.method ?? 'GET', headers: { Accept: 'application/json' }, signal: opts.signal ?? null };
  if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  const res = await send(url, init);
  const body = await readJson(res, path);
  if (!res.ok) {
    const message = body && typeof body === 'object'
      ? String((body as { error?: unknown; message?: unknown }).error ?? (body as { message?: unknown }).message ?? res.statusText)
      : typeof body === 'string' ? body : res.statusText;
    throw new ApiError(`${path}: ${message}`, 'http', res.status, path);
  }
  // Panoptes endpoints may use the Prometheus envelope; unwrap it when present.
  if (body && typeof body === 'object' && 'status' in body && 'data' in body && (body as Envelope<T>).status === 'success') {
    return (body as Envelope<T>).data as T;
  }
  return body as T;
}
