import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definePlugin, isPlugin, isSdkError, manifestProblems, parseDuration, SDK_VERSION, compileRoutePattern, isStaleMarker, STALE_MARKER, withinPublicPath } from './index.js';

const base = { id: 'collector-demo', version: '1.0.0', sdk: '^1.0.0', kinds: ['collector'] as const, description: 'demo', start() {} };

describe('definePlugin', () => {
  it('returns a frozen, marked definition', () => {
    const p = definePlugin({ ...base, kinds: ['collector'] });
    expect(isPlugin(p)).toBe(true);
    expect(Object.isFrozen(p)).toBe(true);
    expect(isPlugin({ ...base })).toBe(false);
  });

  it('lists every manifest problem at once', () => {
    let err: unknown;
    try {
      definePlugin({ ...base, id: 'Bad_Id', version: '1.0', kinds: ['collector', 'printer' as never] });
    } catch (e) {
      err = e;
    }
    expect(isSdkError(err, 'PNP_SDK_MANIFEST')).toBe(true);
    const msg = (err as Error).message;
    expect(msg).toContain('id: "Bad_Id" is not lowercase');
    expect(msg).toContain('version: "1.0" is not a semver version');
    expect(msg).toContain('kinds: "printer" is not one of');
  });

  it.each([
    [{ publicPaths: ['/v1/traces', '/otlp/*'] }, []],
    [{ publicPaths: ['/api/plugins/x'] }, ['publicPaths']],
    [{ publicPaths: ['v1'] }, ['publicPaths']],
    [{ kinds: [] }, ['kinds']],
    [{ description: '' }, ['description']],
  ])('manifestProblems(%j)', (patch, fields) => {
    const problems = manifestProblems({ ...base, ...patch });
    expect(problems.map((p) => p.split(':')[0])).toEqual(fields);
  });
});

describe('helpers', () => {
  it('keeps SDK_VERSION equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(SDK_VERSION).toBe(pkg.version);
  });

  it.each([
    ['15s', 15_000],
    ['1m30s', 90_000],
    ['250ms', 250],
    [2000, 2000],
  ])('parseDuration(%j) = %d', (v, ms) => expect(parseDuration(v)).toBe(ms));

  it.each(['15x', '', '1.5s', 's'])('parseDuration(%j) throws PNP_SDK_DURATION', (v) => {
    expect(() => parseDuration(v)).toThrow(expect.objectContaining({ code: 'PNP_SDK_DURATION' }));
  });

  it('matches route patterns with params and a rest segment', () => {
    expect(compileRoutePattern('/series/:id')?.match('/series/a%20b')).toEqual({ id: 'a b' });
    expect(compileRoutePattern('/files/*')?.match('/files/a/b.js')).toEqual({ '*': 'a/b.js' });
    expect(compileRoutePattern('/status')?.match('/status/x')).toBeUndefined();
    expect(compileRoutePattern('no-slash')).toBeUndefined();
    expect(withinPublicPath('/v1/traces', '/v1/*')).toBe(true);
    expect(withinPublicPath('/v1/traces', '/v1/metrics')).toBe(false);
  });

  it('keeps the stale marker bits', () => {
    expect(isStaleMarker(STALE_MARKER)).toBe(true);
    expect(isStaleMarker(NaN)).toBe(false);
  });
});
