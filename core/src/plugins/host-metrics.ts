import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The host's own metrics about plugins, every series labelled with the plugin id. */
export interface HostMetrics {
  readonly up: Gauge<'plugin'>;
  readonly restarts: Counter<'plugin'>;
  readonly errors: Counter<'plugin' | 'hook'>;
  readonly jobs: Counter<'plugin' | 'job' | 'result'>;
  readonly jobDuration: Histogram<'plugin' | 'job'>;
  readonly samplesAppended: Counter<'plugin'>;
  readonly requests: Counter<'plugin' | 'code'>;
}

export function createHostMetrics(registry: Registry): HostMetrics {
  const registers = [registry];
  return {
    up: new Gauge({ name: 'panoptes_plugin_up', help: 'Whether the plugin is running (1) or not (0).', labelNames: ['plugin'], registers }),
    restarts: new Counter({ name: 'panoptes_plugin_restarts_total', help: 'Restarts of a plugin after a failure.', labelNames: ['plugin'], registers }),
    errors: new Counter({ name: 'panoptes_plugin_errors_total', help: 'Failures of a plugin, by hook (start, stop, job, route, notify, detect).', labelNames: ['plugin', 'hook'], registers }),
    jobs: new Counter({ name: 'panoptes_plugin_jobs_total', help: 'Runs of plugin jobs by result (success, error, timeout, skipped).', labelNames: ['plugin', 'job', 'result'], registers }),
    jobDuration: new Histogram({
      name: 'panoptes_plugin_job_duration_seconds',
      help: 'How long plugin job runs took.',
      labelNames: ['plugin', 'job'],
      // Collector jobs are usually well under a second; the tail buckets catch ones near a 60 s timeout.
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
      registers,
    }),
    samplesAppended: new Counter({ name: 'panoptes_plugin_samples_appended_total', help: 'Samples a plugin wrote to storage.', labelNames: ['plugin'], registers }),
    requests: new Counter({ name: 'panoptes_plugin_http_requests_total', help: 'Requests served by plugin routes, by status code.', labelNames: ['plugin', 'code'], registers }),
  };
}
