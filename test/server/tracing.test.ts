import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerProcess, tempDir } from '../helpers/server-process.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

interface OtlpSpan {
  name: string;
}

/** A real OTLP/HTTP trace receiver on loopback that keeps the span names it gets (JSON encoding). */
async function startCollector(): Promise<{ url: string; spanNames: string[] }> {
  const spanNames: string[] = [];
  const app = Fastify();
  app.post('/v1/traces', async (req) => {
    const body = req.body as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
    for (const rs of body.resourceSpans) for (const ss of rs.scopeSpans) for (const span of ss.spans) spanNames.push(span.name);
    return {};
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => app.close());
  return { url, spanNames };
}

describe('self-tracing', () => {
  it('exports HTTP and storage spans over OTLP when enabled', async () => {
    const collector = await startCollector();
    const dir = await tempDir();
    const file = path.join(dir, 'panoptes.yml');
    await writeFile(
      file,
      `server:\n  data_dir: ${JSON.stringify(path.join(dir, 'data'))}\ntracing:\n  enabled: true\n  endpoint: ${collector.url}/v1/traces\n`,
    );
    const server = await ServerProcess.start(['--config', file]);
    cleanups.push(() => server.stop('SIGKILL'));
    await server.waitReady();
    await fetch(`${server.url}/-/healthy`);
    await expect.poll(() => collector.spanNames, { timeout: 15_000 }).toContain('GET /-/healthy');
  });

  it('is off by default and then loads no OpenTelemetry SDK', async () => {
    const server = await ServerProcess.start(['--data-dir', path.join(await tempDir(), 'data')], {
      env: { NODE_DEBUG: 'module' },
    });
    cleanups.push(() => server.stop('SIGKILL'));
    await server.waitReady();
    expect(server.stderr).toContain('@opentelemetry/api'); // module tracing works...
    expect(server.stderr).not.toContain('@opentelemetry/sdk-node'); // ...and the SDK stayed unloaded
  });
});
