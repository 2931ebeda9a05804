import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSdFile } from './file-sd.js';
import { compileRelabelConfigs } from './relabel/relabel.js';
import { resolveTargets } from './target.js';

describe('readFileSdFile', () => {
  it('reads JSON and YAML groups and adds __meta_filepath', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-fsd-'));
    await writeFile(path.join(dir, 'a.json'), JSON.stringify([{ targets: ['h1:9100'], labels: { env: 'prod' } }]));
    await writeFile(path.join(dir, 'b.yml'), '- targets: [h2:9100, h3:9100]\n');
    expect(await readFileSdFile(path.join(dir, 'a.json'))).toEqual([{ targets: ['h1:9100'], labels: { env: 'prod', __meta_filepath: path.join(dir, 'a.json') }, source: `${path.join(dir, 'a.json')}:0` }]);
    expect((await readFileSdFile(path.join(dir, 'b.yml')))[0]!.targets).toEqual(['h2:9100', 'h3:9100']);
  });

  it.each([
    ['bad.json', '{"targets":', /not valid JSON/],
    ['obj.json', '{"targets":["a"]}', /expected a list of target groups/],
    ['t.json', '[{"targets":"a"}]', /group 0: "targets" must be a list/],
    ['l.yml', '- targets: [a]\n  labels: { n: 1 }\n', /label n must be a string/],
  ])('explains what is wrong with %s', async (name, content, message) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'panoptes-fsd-'));
    await writeFile(path.join(dir, name), content);
    await expect(readFileSdFile(path.join(dir, name))).rejects.toThrow(message);
  });
});

describe('resolveTargets limits and defaults', () => {
  it('uses per-target interval and timeout labels, capping the timeout', () => {
    const job = {
      job_name: 'j', scrape_interval: '15s', scrape_timeout: '10s', metrics_path: '/m', scheme: 'https' as const, honor_labels: false, honor_timestamps: true,
      sample_limit: 0, label_limit: 0, label_name_length_limit: 0, label_value_length_limit: 0, target_limit: 0, body_size_limit: 0,
      relabel_configs: [{ target_label: '__scrape_interval__', replacement: '5s' }, { target_label: '__scrape_timeout__', replacement: '30s' }],
    };
    const { active } = resolveTargets(job, compileRelabelConfigs(job.relabel_configs, 'r'), [{ targets: ['h:1'], labels: {}, source: 's' }]);
    expect(active[0]).toMatchObject({ url: 'https://h:1/m', intervalMs: 5000, timeoutMs: 5000 });
  });
});
