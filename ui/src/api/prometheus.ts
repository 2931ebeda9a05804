import { prom, type ApiResult } from './client.js';
import type { BuildInfo, Labels, MatrixSeries, MetricMetadata, QueryResult, RuleGroup, RuntimeInfo, TargetsData, TsdbStatus } from './types.js';

/** Seconds since the epoch with millisecond precision, the API's time format. */
export const toApiTime = (ms: number): string => (ms / 1000).toFixed(3).replace(/\.?0+$/, '');

export function queryInstant(query: string, timeMs: number, signal?: AbortSignal): Promise<ApiResult<QueryResult>> {
  return prom<QueryResult>('/api/v1/query', { query, time: toApiTime(timeMs) }, { method: 'POST', signal });
}

export function queryRange(query: string, startMs: number, endMs: number, stepSeconds: number, signal?: AbortSignal): Promise<ApiResult<{ resultType: 'matrix'; result: MatrixSeries[] }>> {
  return prom('/api/v1/query_range', { query, start: toApiTime(startMs), end: toApiTime(endMs), step: String(stepSeconds) }, { method: 'POST', signal });
}

export async function labelNames(match?: string, signal?: AbortSignal): Promise<string[]> {
  return (await prom<string[]>('/api/v1/labels', { 'match[]': match ? [match] : undefined }, { signal })).data;
}

export async function labelValues(name: string, match?: string, signal?: AbortSignal): Promise<string[]> {
  return (await prom<string[]>(`/api/v1/label/${encodeURIComponent(name)}/values`, { 'match[]': match ? [match] : undefined }, { signal })).data;
}

export async function series(match: string, startMs?: number, endMs?: number): Promise<Labels[]> {
  return (await prom<Labels[]>('/api/v1/series', {
    'match[]': [match],
    start: startMs === undefined ? undefined : toApiTime(startMs),
    end: endMs === undefined ? undefined : toApiTime(endMs),
  })).data;
}

export async function metadata(): Promise<Record<string, MetricMetadata[]>> {
  return (await prom<Record<string, MetricMetadata[]>>('/api/v1/metadata')).data;
}

export async function targets(): Promise<TargetsData> {
  return (await prom<TargetsData>('/api/v1/targets', { state: 'any' })).data;
}

export async function rules(): Promise<RuleGroup[]> {
  return (await prom<{ groups: RuleGroup[] }>('/api/v1/rules')).data.groups ?? [];
}

export async function buildInfo(): Promise<BuildInfo> {
  return (await prom<BuildInfo>('/api/v1/status/buildinfo')).data;
}
export async function runtimeInfo(): Promise<RuntimeInfo> {
  return (await prom<RuntimeInfo>('/api/v1/status/runtimeinfo')).data;
}
export async function flags(): Promise<Record<string, string>> {
  return (await prom<Record<string, string>>('/api/v1/status/flags')).data;
}
export async function config(): Promise<string> {
  return (await prom<{ yaml: string }>('/api/v1/status/config')).data.yaml;
}
export async function tsdbStatus(): Promise<TsdbStatus> {
  return (await prom<TsdbStatus>('/api/v1/status/tsdb', { limit: 10 })).data;
}

/** The server's pretty-printed form of an expression (throws the parse error when it has one). */
export async function formatQuery(query: string): Promise<string> {
  return (await prom<string>('/api/v1/format_query', { query }, { method: 'POST' })).data;
}
