// Response types of the public HTTP API, kept here on purpose: the UI speaks HTTP
// only and imports nothing from the server (see docs/ui.md for the shapes).

export type Labels = Record<string, string>;
/** [unix seconds, value as a string ("NaN", "+Inf" included)] */
export type SamplePair = [number, string];

export interface VectorSample { metric: Labels; value: SamplePair }
export interface MatrixSeries { metric: Labels; values: SamplePair[] }

export type QueryResult =
  | { resultType: 'vector'; result: VectorSample[] }
  | { resultType: 'matrix'; result: MatrixSeries[] }
  | { resultType: 'scalar'; result: SamplePair }
  | { resultType: 'string'; result: SamplePair };

export interface MetricMetadata { type: string; help: string; unit: string }

export interface ActiveTarget {
  discoveredLabels: Labels;
  labels: Labels;
  scrapePool: string;
  scrapeUrl: string;
  globalUrl?: string;
  lastError: string;
  lastScrape: string;
  lastScrapeDuration: number;
  health: 'up' | 'down' | 'unknown';
  scrapeInterval?: string;
  scrapeTimeout?: string;
}
export interface TargetsData { activeTargets: ActiveTarget[]; droppedTargets: { discoveredLabels: Labels; scrapePool?: string }[] }

export interface RuleAlert {
  labels: Labels;
  annotations: Labels;
  state: 'pending' | 'firing' | 'inactive';
  activeAt?: string;
  keepFiringSince?: string;
  value: string;
}
export interface AlertingRule {
  type: 'alerting';
  name: string;
  query: string;
  state: 'pending' | 'firing' | 'inactive';
  duration: number;
  keepFiringFor?: number;
  labels: Labels;
  annotations: Labels;
  alerts: RuleAlert[];
  health: 'ok' | 'err' | 'unknown';
  lastError?: string;
  evaluationTime: number;
  lastEvaluation: string;
}
export interface RecordingRule {
  type: 'recording';
  name: string;
  query: string;
  labels?: Labels;
  health: 'ok' | 'err' | 'unknown';
  lastError?: string;
  evaluationTime: number;
  lastEvaluation: string;
}
export type Rule = AlertingRule | RecordingRule;
export interface RuleGroup {
  name: string;
  file: string;
  rules: Rule[];
  interval: number;
  limit?: number;
  evaluationTime: number;
  lastEvaluation: string;
}

export interface BuildInfo { version: string; revision: string; branch: string; buildUser: string; buildDate: string; goVersion: string; [k: string]: string }
export type RuntimeInfo = Record<string, string | number | boolean>;
export interface TsdbStatus {
  headStats: { numSeries: number; chunkCount: number; minTime: number; maxTime: number; [k: string]: number };
  seriesCountByMetricName: { name: string; value: number }[];
  labelValueCountByLabelName: { name: string; value: number }[];
  memoryInBytesByLabelName: { name: string; value: number }[];
  seriesCountByLabelValuePair: { name: string; value: number }[];
}

// Alertmanager API v2
export interface AmAlert {
  labels: Labels;
  annotations: Labels;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  generatorURL?: string;
  fingerprint: string;
  receivers: { name: string }[];
  status: { state: 'unprocessed' | 'active' | 'suppressed'; silencedBy: string[]; inhibitedBy: string[]; mutedBy?: string[] };
}
export interface AmAlertGroup { labels: Labels; receiver: { name: string }; alerts: AmAlert[] }
export interface Matcher { name: string; value: string; isRegex: boolean; isEqual?: boolean }
export interface PostableSilence { id?: string; matchers: Matcher[]; startsAt: string; endsAt: string; createdBy: string; comment: string }
export interface Silence extends PostableSilence { id: string; status: { state: 'expired' | 'active' | 'pending' }; updatedAt: string }

// Panoptes' own endpoints
export interface PluginErrorInfo { code: string; message: string; hook: string; at: string }
export interface PluginInfo {
  id: string;
  use?: string;
  version: string | null;
  kinds: string[];
  state: string;
  description?: string | null;
  /** The SDK range the plugin declares. */
  sdk?: string | null;
  lastError?: PluginErrorInfo | string | null;
  restarts?: number;
  /** `/plugins/<id>/` when the plugin ships a UI bundle. */
  ui?: string | null;
}

export interface DashboardSummary { id: string; title: string; tags?: string[]; updatedAt?: string; builtin?: boolean }
