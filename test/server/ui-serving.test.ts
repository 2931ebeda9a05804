import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, ServerProcess, tempDir } from '../helpers/server-process.js';

const built = existsSync(path.join(REPO_ROOT, 'ui/dist/index.html'));

describe.skipIf(!built)('serving the built UI (run `npm run build` first)', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await ServerProcess.start(['--data-dir', path.join(await tempDir(), 'data')]);
    await server.waitReady();
  });
  afterAll(async () => {
    await server.stop('SIGKILL');
  });

  it('serves index.html at /', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('<div id="app"');
  });

  it('falls back to index.html for deep links a browser asks for', async () => {
    const res = await fetch(`${server.url}/explore?expr=up`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="app"');
  });

  it('answers unknown API paths with a JSON 404, not the UI', async () => {
    const res = await fetch(`${server.url}/api/v1/no-such-endpoint`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 'error', errorType: 'not_found' });
  });
});
