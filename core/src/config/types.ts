/**
 * The validated configuration, shaped exactly like panoptes.yml (snake_case
 * keys, durations as written, e.g. `"15s"`; use parseDuration for ms). Defaults
 * from the schema are filled in, scrape intervals inherit from `global`, and
 * secrets (`${env:NAME}`) are resolved. The object is deeply frozen.
 */
export interface PanoptesConfig {
  readonly global: GlobalConfig;
  readonly server: ServerConfig;
  readonly storage: StorageConfig;
  readonly query: QueryConfig;
  readonly tracing: TracingConfig;
  readonly scrape_configs: readonly ScrapeConfig[];
  readonly ingest: IngestConfig;
  readonly rule_files: readonly string[];
  readonly alerting: AlertingConfig;
  readonly plugins: readonly PluginUseConfig[];
}

/** Push ingestion settings (remote write, OpenTSDB, OTLP); 0 means no limit. */
export interface IngestConfig {
  readonly limits: {
    readonly max_body_bytes: string | number;
    readonly max_decompressed_bytes: string | number;
    readonly max_series_per_request: number;
    readonly max_labels_per_series: number;
    readonly max_label_name_length: number;
    readonly max_label_value_length: number;
    readonly name_validation: 'legacy' | 'utf8';
  };
  readonly opentsdb: { readonly listen?: string };
}

export interface GlobalConfig {
  readonly scrape_interval: string;
  readonly scrape_timeout: string;
  readonly evaluation_interval: string;
  readonly external_labels: Readonly<Record<string, string>>;
  readonly query_log_file?: string;
}

export interface ServerConfig {
  readonly listen: string;
  readonly data_dir: string;
  readonly log_level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  readonly external_url?: string;
  readonly shutdown_timeout: string;
  readonly max_request_body: string | number;
  readonly self_monitoring: boolean;
}

export interface StorageConfig {
  readonly retention_time: string;
  readonly retention_size: string | number;
  readonly resident_size: string | number;
  readonly wal_sync: string;
}

export interface QueryConfig {
  readonly lookback_delta: string;
  readonly timeout: string;
  readonly max_samples: number;
  readonly max_concurrency: number;
}

export interface TracingConfig {
  readonly enabled: boolean;
  readonly endpoint: string;
  readonly service_name: string;
  readonly sample_ratio: number;
  readonly headers: Readonly<Record<string, string>>;
}

export interface TlsConfig {
  readonly ca_file?: string;
  readonly ca?: string;
  readonly cert_file?: string;
  readonly cert?: string;
  readonly key_file?: string;
  readonly key?: string;
  readonly server_name?: string;
  readonly insecure_skip_verify?: boolean;
  readonly min_version?: string;
  readonly max_version?: string;
}

export interface HttpClientConfig {
  readonly basic_auth?: {
    readonly username: string;
    readonly username_file?: string;
    readonly password?: string;
    readonly password_file?: string;
  };
  readonly authorization?: { readonly type?: string; readonly credentials?: string; readonly credentials_file?: string };
  readonly bearer_token?: string;
  readonly bearer_token_file?: string;
  readonly tls_config?: TlsConfig;
  readonly proxy_url?: string;
  readonly follow_redirects?: boolean;
  readonly enable_http2?: boolean;
}

export type RelabelAction =
  | 'replace'
  | 'keep'
  | 'drop'
  | 'keepequal'
  | 'dropequal'
  | 'hashmod'
  | 'labelmap'
  | 'labeldrop'
  | 'labelkeep'
  | 'lowercase'
  | 'uppercase';

export interface RelabelConfig {
  readonly source_labels?: readonly string[];
  readonly separator?: string;
  readonly target_label?: string;
  readonly regex?: string;
  readonly modulus?: number;
  readonly replacement?: string;
  readonly action?: RelabelAction;
}

export interface StaticConfig {
  readonly targets: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
}

export interface FileSdConfig {
  readonly files: readonly string[];
  readonly refresh_interval: string;
}

export interface ScrapeConfig extends HttpClientConfig {
  readonly job_name: string;
  /** Always set: inherited from `global` when the job leaves it out. */
  readonly scrape_interval: string;
  /** Always set: inherited from `global`, capped at the job's interval when left out. */
  readonly scrape_timeout: string;
  readonly metrics_path: string;
  readonly scheme: 'http' | 'https';
  readonly params?: Readonly<Record<string, readonly string[]>>;
  readonly honor_labels: boolean;
  readonly honor_timestamps: boolean;
  readonly static_configs?: readonly StaticConfig[];
  readonly file_sd_configs?: readonly FileSdConfig[];
  readonly relabel_configs?: readonly RelabelConfig[];
  readonly metric_relabel_configs?: readonly RelabelConfig[];
  readonly sample_limit: number;
  readonly label_limit: number;
  readonly label_name_length_limit: number;
  readonly label_value_length_limit: number;
  readonly target_limit: number;
  readonly body_size_limit: string | number;
  /** Default true (from the schema); absent on jobs built in code. */
  readonly enable_compression?: boolean;
  readonly track_timestamps_staleness?: boolean;
  readonly extra_scrape_metrics?: boolean;
  readonly scrape_protocols?: readonly ScrapeProtocol[];
  readonly fallback_scrape_protocol?: ScrapeProtocol;
}

export type ScrapeProtocol = 'OpenMetricsText1.0.0' | 'OpenMetricsText0.0.1' | 'PrometheusText1.0.0' | 'PrometheusText0.0.4' | 'PrometheusProto';

/** Alertmanager-shaped; the alerting area validates the inside of each block. */
export interface AlertingConfig {
  readonly route?: Readonly<Record<string, unknown>>;
  readonly receivers?: readonly Readonly<Record<string, unknown>>[];
  readonly inhibit_rules?: readonly Readonly<Record<string, unknown>>[];
  readonly time_intervals?: readonly Readonly<Record<string, unknown>>[];
  readonly templates?: readonly string[];
}

export interface PluginUseConfig {
  readonly use: string;
  readonly enabled: boolean;
  readonly config: Readonly<Record<string, unknown>>;
}
