// The built-in "Host overview" dashboard over the host collector's node_* metrics
// (the node_exporter names). It ships with the UI, so it works on a fresh server;
// saving it stores an editable copy.

import type { Dashboard } from './model.js';

export const HOST_OVERVIEW_ID = 'builtin-host-overview';

const sel = '{instance=~"$instance"}';

export const HOST_OVERVIEW: Dashboard = {
  id: HOST_OVERVIEW_ID,
  title: 'Host overview',
  description: 'CPU, memory, disk and network of the hosts the host collector watches.',
  tags: ['host', 'builtin'],
  builtin: true,
  time: { from: 'now-1h', to: 'now' },
  refresh: '30s',
  variables: [{ name: 'instance', label: 'Host', query: 'label_values(node_load1, instance)', multi: true, includeAll: true }],
  rows: [
    {
      title: 'At a glance',
      panels: [
        { id: 'cpu-busy', title: 'CPU busy', type: 'gauge', unit: 'percent', min: 0, max: 100, width: 3, height: 180,
          thresholds: [{ value: 0, color: '#10b981' }, { value: 70, color: '#f59e0b' }, { value: 90, color: '#ef4444' }],
          targets: [{ expr: `100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle",instance=~"$instance"}[$__rate_interval])))` }] },
        { id: 'mem-used', title: 'Memory used', type: 'gauge', unit: 'percent', min: 0, max: 100, width: 3, height: 180,
          thresholds: [{ value: 0, color: '#10b981' }, { value: 80, color: '#f59e0b' }, { value: 95, color: '#ef4444' }],
          targets: [{ expr: `100 * (1 - sum(node_memory_MemAvailable_bytes${sel}) / sum(node_memory_MemTotal_bytes${sel}))` }] },
        { id: 'load1', title: 'Load (1m)', type: 'stat', unit: 'short', width: 2, height: 180,
          targets: [{ expr: `max(node_load1${sel})` }] },
        { id: 'uptime', title: 'Uptime', type: 'stat', unit: 'seconds', width: 2, height: 180,
          targets: [{ expr: `min(time() - node_boot_time_seconds${sel})` }] },
        { id: 'cores', title: 'CPU cores', type: 'stat', unit: 'none', width: 2, height: 180,
          targets: [{ expr: `count(node_cpu_seconds_total{mode="idle",instance=~"$instance"})` }] },
      ],
    },
    {
      title: 'CPU and memory',
      panels: [
        { id: 'cpu-modes', title: 'CPU by mode', type: 'timeseries', unit: 'percentunit', stacked: true, width: 6, height: 260,
          targets: [{ expr: `sum by (mode) (rate(node_cpu_seconds_total{mode!="idle",instance=~"$instance"}[$__rate_interval])) / scalar(count(node_cpu_seconds_total{mode="idle",instance=~"$instance"}))`, legendFormat: '{{mode}}' }] },
        { id: 'load', title: 'Load average', type: 'timeseries', unit: 'short', width: 6, height: 260,
          targets: [
            { expr: `node_load1${sel}`, legendFormat: '1m {{instance}}' },
            { expr: `node_load5${sel}`, legendFormat: '5m {{instance}}' },
            { expr: `node_load15${sel}`, legendFormat: '15m {{instance}}' },
          ] },
        { id: 'memory', title: 'Memory', type: 'timeseries', unit: 'bytes', width: 12, height: 240,
          targets: [
            { expr: `node_memory_MemTotal_bytes${sel} - node_memory_MemAvailable_bytes${sel}`, legendFormat: 'used {{instance}}' },
            { expr: `node_memory_Cached_bytes${sel} + node_memory_Buffers_bytes${sel}`, legendFormat: 'cache+buffers {{instance}}' },
            { expr: `node_memory_MemAvailable_bytes${sel}`, legendFormat: 'available {{instance}}' },
          ] },
      ],
    },
    {
      title: 'Disk and network',
      panels: [
        { id: 'disk-io', title: 'Disk throughput', type: 'timeseries', unit: 'bytes', width: 6, height: 240,
          targets: [
            { expr: `sum by (instance) (rate(node_disk_read_bytes_total${sel}[$__rate_interval]))`, legendFormat: 'read {{instance}}' },
            { expr: `sum by (instance) (rate(node_disk_written_bytes_total${sel}[$__rate_interval]))`, legendFormat: 'written {{instance}}' },
          ] },
        { id: 'net', title: 'Network traffic', type: 'timeseries', unit: 'bytes', width: 6, height: 240,
          targets: [
            { expr: `sum by (instance) (rate(node_network_receive_bytes_total{device!="lo",instance=~"$instance"}[$__rate_interval]))`, legendFormat: 'in {{instance}}' },
            { expr: `sum by (instance) (rate(node_network_transmit_bytes_total{device!="lo",instance=~"$instance"}[$__rate_interval]))`, legendFormat: 'out {{instance}}' },
          ] },
        { id: 'fs', title: 'Filesystem used', type: 'bar', unit: 'percent', width: 6, height: 240,
          targets: [{ expr: `100 * (1 - node_filesystem_avail_bytes{fstype!~"tmpfs|overlay",instance=~"$instance"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay",instance=~"$instance"})`, legendFormat: '{{instance}} {{mountpoint}}', instant: true }] },
        { id: 'fs-table', title: 'Filesystems', type: 'table', unit: 'bytes', width: 6, height: 240,
          targets: [{ expr: `node_filesystem_avail_bytes{fstype!~"tmpfs|overlay",instance=~"$instance"}`, legendFormat: '{{instance}} {{mountpoint}}', instant: true }] },
      ],
    },
  ],
};

export const BUILTIN_DASHBOARDS: readonly Dashboard[] = [HOST_OVERVIEW];
