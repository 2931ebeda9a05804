import { SDK_VERSION } from '@panoptes/sdk';

export type ScaffoldKind = 'collector' | 'notifier' | 'detector';

export interface ScaffoldInput {
  /** Plugin id, e.g. `collector-acme`. */
  readonly id: string;
  /** npm package name. */
  readonly packageName: string;
  readonly kind: ScaffoldKind;
}

/** `collector-acme-db` → `acme_db` (the id without its kind, as a metric- and type-safe word). */
export function snakeName(id: string, kind: ScaffoldKind): string {
  const bare = id.startsWith(`${kind}-`) ? id.slice(kind.length + 1) : id;
  return bare.replace(/-/g, '_');
}

const sdkRange = `^${SDK_VERSION.split('.')[0]}.${SDK_VERSION.split('.')[1]}.0`;

function packageJson(i: ScaffoldInput): string {
  return `${JSON.stringify(
    {
      name: i.packageName,
      version: '0.1.0',
      description: `Panoptes ${i.kind} plugin ${i.id}.`,
      type: 'module',
      main: './dist/index.js',
      types: './dist/index.d.ts',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      files: ['dist', '!dist/**/*.test.*'],
      keywords: ['panoptes-plugin', `panoptes-${i.kind}`],
      panoptes: { plugin: true },
      scripts: { build: 'tsc -p .', test: 'vitest run', prepublishOnly: 'npm run build && npm test' },
      engines: { node: '>=20.19.0' },
      dependencies: { '@panoptes/sdk': sdkRange },
      devDependencies: { typescript: '5.9.3', vitest: '4.1.12' },
    },
    null,
    2,
  )}\n`;
}

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2023',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      declaration: true,
      sourceMap: true,
      rootDir: 'src',
      outDir: 'dist',
      skipLibCheck: true,
      // Add "node" (and install @types/node) when the plugin uses Node's own modules.
      types: [],
    },
    include: ['src'],
    exclude: ['src/**/*.test.ts'],
  },
  null,
  2,
)}\n`;

function source(i: ScaffoldInput): string {
  const name = snakeName(i.id, i.kind);
  const head = `import { definePlugin } from '@panoptes/sdk';\n\n`;
  const manifest = (kinds: string, description: string): string =>
    `  id: '${i.id}',\n  version: '0.1.0',\n  sdk: '${sdkRange}',\n  kinds: [${kinds}],\n  description: '${description}',\n`;
  switch (i.kind) {
    case 'collector':
      return `${head}export interface Config {\n  readonly interval: string;\n  readonly target: string;\n}\n\n/** Writes ${name}_up and ${name}_collections_total on a schedule. Replace the job body with real collection. */\nexport default definePlugin<Config>({\n${manifest("'collector'", `Collects ${name} metrics.`)}  configSchema: {\n    type: 'object',\n    additionalProperties: false,\n    properties: {\n      interval: { type: 'string', format: 'duration', default: '15s', description: 'How often to collect.' },\n      target: { type: 'string', default: 'localhost', description: 'What to collect from; becomes the instance label.' },\n    },\n  },\n  start(ctx) {\n    let collections = 0;\n    ctx.jobs.every({ name: 'collect', interval: ctx.config.interval }, async (signal) => {\n      if (signal.aborted) return;\n      collections++;\n      const labels = { instance: ctx.config.target };\n      await ctx.appender.append([\n        { name: '${name}_up', labels, value: 1 },\n        { name: '${name}_collections_total', labels, value: collections },\n      ]);\n    });\n  },\n});\n`;
    case 'notifier':
      return `${head}export interface ReceiverConfig {\n  readonly prefix: string;\n}\n\n/**\n * Serves \`${name}_configs\` in alerting receivers. This template records each\n * group in the plugin's store; replace notify() with delivery to your system.\n */\nexport default definePlugin({\n${manifest("'notifier'", `Delivers alert notifications to ${name}.`)}  start(ctx) {\n    ctx.notifiers.register<ReceiverConfig>({\n      type: '${name}',\n      configSchema: { type: 'object', additionalProperties: false, properties: { prefix: { type: 'string', default: '[panoptes]' } } },\n      async notify(group, config) {\n        const text = \`\${config.prefix} \${group.status}: \${group.alerts.length} alert(s) for \${group.receiver}\`;\n        await ctx.store.putJson(\`last/\${group.receiver}\`, { text, groupKey: group.groupKey });\n        ctx.logger.info('notification delivered', { receiver: group.receiver });\n      },\n    });\n  },\n});\n`;
    case 'detector':
      return `${head}export interface Params {\n  readonly window: number;\n}\n\n/** Scores each point by how many standard deviations it lies from the mean of the window before it. */\nexport default definePlugin({\n${manifest("'detector'", `Anomaly scores by ${name}.`)}  start(ctx) {\n    ctx.detectors.register<Params>({\n      name: '${name}',\n      description: 'z-score of each point against the preceding window',\n      paramsSchema: { type: 'object', additionalProperties: false, properties: { window: { type: 'integer', minimum: 2, default: 10 } } },\n      detect({ points, params }) {\n        return points.map((p, i) => {\n          if (i < params.window) return NaN;\n          const prev = points.slice(i - params.window, i).map((x) => x.v);\n          const mean = prev.reduce((a, b) => a + b, 0) / prev.length;\n          const sd = Math.sqrt(prev.reduce((a, b) => a + (b - mean) ** 2, 0) / prev.length);\n          return sd === 0 ? (p.v === mean ? 0 : Infinity) : Math.abs(p.v - mean) / sd;\n        });\n      },\n    });\n  },\n});\n`;
  }
}

function testSource(i: ScaffoldInput): string {
  const name = snakeName(i.id, i.kind);
  const conformance = `  it('passes the SDK conformance check', async () => {\n    expect(await checkPluginConformance(plugin)).toEqual([]);\n  });\n`;
  const head = `import { describe, expect, it } from 'vitest';\nimport { checkPluginConformance, createTestHarness, exampleNotificationGroup } from '@panoptes/sdk/testing';\nimport plugin from './index.js';\n\n`;
  switch (i.kind) {
    case 'collector':
      return `${head}describe('${i.id}', () => {\n  it('collects on its interval', async () => {\n    const h = createTestHarness(plugin, { config: { target: 'db-1' } });\n    await h.start();\n    await h.advance('30s');\n    const runs = h.samples.filter((s) => s.name === '${name}_collections_total');\n    expect(runs.map((s) => s.value)).toEqual([1, 2, 3]);\n    expect(runs[0]?.labels).toEqual({ instance: 'db-1' });\n    await h.stop();\n    expect(exampleNotificationGroup).toBeTypeOf('function');\n  });\n\n${conformance}});\n`;
    case 'notifier':
      return `${head}describe('${i.id}', () => {\n  it('delivers a notification group', async () => {\n    const h = createTestHarness(plugin);\n    await h.start();\n    await h.notify('${name}', exampleNotificationGroup());\n    expect(await h.store.getJson('last/team-web')).toMatchObject({ text: '[panoptes] firing: 1 alert(s) for team-web' });\n    await h.stop();\n  });\n\n${conformance}});\n`;
    case 'detector':
      return `${head}describe('${i.id}', () => {\n  it('scores a spike above the rest', async () => {\n    const h = createTestHarness(plugin);\n    await h.start();\n    const points = Array.from({ length: 30 }, (_, i) => ({ t: i * 15_000, v: i === 25 ? 50 : 10 + (i % 3) }));\n    const scores = await h.detect('${name}', { labels: {}, points, params: { window: 10 } });\n    expect(scores).toHaveLength(30);\n    expect(Number.isNaN(scores[0])).toBe(true);\n    expect(scores[25]).toBeGreaterThan(5);\n    expect(scores[20]).toBeLessThan(2);\n    expect(exampleNotificationGroup).toBeTypeOf('function');\n  });\n\n${conformance}});\n`;
  }
}

function readme(i: ScaffoldInput): string {
  return `# ${i.packageName}\n\nA Panoptes ${i.kind} plugin (id \`${i.id}\`), built against \`@panoptes/sdk\` ${sdkRange}.\n\n\`\`\`sh\nnpm install\nnpm test          # runs the plugin alone with @panoptes/sdk/testing\nnpm run build     # compiles to dist/\n\`\`\`\n\nUse it from a Panoptes config:\n\n\`\`\`yaml\nplugins:\n  - use: ${i.packageName}   # or a path to this folder\n    config: {}\n\`\`\`\n\nSee the plugin author guide in the Panoptes docs (docs/plugins/).\n`;
}

/** Every file of a new plugin package, path → contents. */
export function scaffoldFiles(i: ScaffoldInput): Record<string, string> {
  return {
    'package.json': packageJson(i),
    'tsconfig.json': TSCONFIG,
    'src/index.ts': source(i),
    'src/index.test.ts': testSource(i),
    'README.md': readme(i),
    '.gitignore': 'node_modules/\ndist/\n',
  };
}
