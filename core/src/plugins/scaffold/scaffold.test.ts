import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffoldPlugin } from './scaffold.js';
import { snakeName } from './templates.js';

describe('panoptes plugin new', () => {
  let dir: string;
  beforeAll(async () => void (dir = await mkdtemp(path.join(tmpdir(), 'panoptes-scaffold-'))));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes a package that depends only on the SDK', async () => {
    const { files } = await scaffoldPlugin({ name: 'notifier-chat-ops', kind: 'notifier', parentDir: dir });
    expect(files).toEqual(['package.json', 'tsconfig.json', 'src/index.ts', 'src/index.test.ts', 'README.md', '.gitignore']);
    const pkg = JSON.parse(await readFile(path.join(dir, 'notifier-chat-ops', 'package.json'), 'utf8')) as { name: string; dependencies: object; panoptes: object };
    expect(pkg).toMatchObject({ name: 'panoptes-plugin-notifier-chat-ops', dependencies: { '@panoptes/sdk': '^1.0.0' }, panoptes: { plugin: true } });
    expect(await readFile(path.join(dir, 'notifier-chat-ops', 'src', 'index.ts'), 'utf8')).toContain("type: 'chat_ops'");
  });

  it.each([
    ['Collector_X', 'collector', 'is not a plugin id'],
    ['collector-x', 'printer', 'is not one of: collector, notifier, detector'],
  ])('refuses %s --kind %s', async (name, kind, msg) => {
    await expect(scaffoldPlugin({ name, kind: kind as 'collector', parentDir: dir })).rejects.toThrow(msg);
  });

  it('never overwrites a folder with files in it', async () => {
    await scaffoldPlugin({ name: 'collector-once', kind: 'collector', parentDir: dir });
    await writeFile(path.join(dir, 'collector-once', 'mine.txt'), 'keep');
    await expect(scaffoldPlugin({ name: 'collector-once', kind: 'collector', parentDir: dir })).rejects.toThrow('already exists and is not empty');
  });

  it('derives type and metric names from the id', () => {
    expect(snakeName('collector-acme-db', 'collector')).toBe('acme_db');
    expect(snakeName('acme', 'detector')).toBe('acme');
  });
});
