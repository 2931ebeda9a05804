import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { checkPluginConformance, createTestHarness } from '@panoptes/sdk/testing';
import plugin from './index.js';

describe('collector-host plugin', () => {
  it('collects this host on schedule with job and instance labels', async () => {
    const h = createTestHarness(plugin);
    await h.start();
    expect(h.registered().jobs).toEqual(['collect']);
    await h.advance(0);
    const names = new Set(h.samples.map((s) => s.name));
    for (const n of ['node_cpu_seconds_total', 'node_memory_MemTotal_bytes', 'node_load1', 'node_boot_time_seconds', 'node_filesystem_size_bytes', 'node_network_receive_bytes_total', 'node_uname_info']) {
      expect(names, n).toContain(n);
    }
    expect(h.samples.every((s) => s.labels?.job === 'node' && s.labels.instance === hostname())).toBe(true);
    const failed = h.samples.filter((s) => s.name === 'node_scrape_collector_success' && s.value !== 1).map((s) => s.labels?.collector);
    expect(failed).toEqual([]);
    const first = h.samples.length;
    await h.advance('15s');
    expect(h.samples.length).toBeGreaterThan(first);
    await h.stop();
  });

  it('reports a missing procfs per section instead of failing', async () => {
    const h = createTestHarness(plugin, { config: { proc_path: '/nonexistent', instance: 'box' } });
    await h.start();
    await h.advance(0);
    expect(h.jobErrors).toEqual([]);
    expect(h.samples.find((s) => s.name === 'node_scrape_collector_success' && s.labels?.collector === 'cpu')?.value).toBe(0);
    expect(h.samples.find((s) => s.name === 'node_time_seconds')?.labels?.instance).toBe('box');
  });

  it('passes the SDK conformance check', async () => {
    expect(await checkPluginConformance(plugin, { runFor: '30s' })).toEqual([]);
  });
});
