import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { parseBytes, type ScrapeConfig } from '../config/index.js';
import { ScrapeError } from './errors.js';
import { acceptHeader } from './parse/content-type.js';

/** A fetched exposition. */
export interface ScrapeResponse {
  readonly body: string;
  readonly contentType: string | undefined;
  /** Uncompressed size in bytes. */
  readonly bytes: number;
}

function readSecret(inline: string | undefined, file: string | undefined): string | undefined {
  if (inline !== undefined) return inline;
  if (file !== undefined) return readFileSync(file, 'utf8').trim();
  return undefined;
}

/**
 * The HTTP client of one scrape job: keep-alive agents, TLS settings, the
 * Authorization header, and the request Prometheus sends (Accept,
 * Accept-Encoding gzip, X-Prometheus-Scrape-Timeout-Seconds). Credentials
 * files are read per request so a rotated token is picked up.
 */
export class ScrapeClient {
  // No socket cap: each target has at most one scrape in flight, and targets behind one host:port (exporters
  // multiplexing many targets, like blackbox) must not queue behind each other.
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxFreeSockets: 1024 });
  private readonly httpsAgent: https.Agent;
  private readonly bodyLimit: number;
  private readonly accept: string;

  constructor(
    private readonly job: ScrapeConfig,
    private readonly userAgent: string,
  ) {
    const tls = job.tls_config ?? {};
    this.httpsAgent = new https.Agent({
      keepAlive: true,
      maxFreeSockets: 1024,
      ...(tls.ca_file && { ca: readFileSync(tls.ca_file) }),
      ...(tls.ca && { ca: tls.ca }),
      ...(tls.cert_file && { cert: readFileSync(tls.cert_file) }),
      ...(tls.cert && { cert: tls.cert }),
      ...(tls.key_file && { key: readFileSync(tls.key_file) }),
      ...(tls.key && { key: tls.key }),
      ...(tls.server_name && { servername: tls.server_name }),
      rejectUnauthorized: !tls.insecure_skip_verify,
      ...(tls.min_version && { minVersion: tls.min_version.replace(/^TLS1(\d)$/, 'TLSv1.$1') as 'TLSv1.2' }),
      ...(tls.max_version && { maxVersion: tls.max_version.replace(/^TLS1(\d)$/, 'TLSv1.$1') as 'TLSv1.3' }),
    });
    this.bodyLimit = parseBytes(job.body_size_limit) ?? 0;
    this.accept = acceptHeader(job.scrape_protocols);
  }

  private authorization(): string | undefined {
    const j = this.job;
    if (j.basic_auth) {
      const password = readSecret(j.basic_auth.password, j.basic_auth.password_file) ?? '';
      const username = readSecret(j.basic_auth.username, j.basic_auth.username_file) ?? '';
      return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    if (j.authorization) {
      const credentials = readSecret(j.authorization.credentials, j.authorization.credentials_file) ?? '';
      return `${j.authorization.type ?? 'Bearer'} ${credentials}`;
    }
    const bearer = readSecret(j.bearer_token, j.bearer_token_file);
    return bearer !== undefined ? `Bearer ${bearer}` : undefined;
  }

  /** Fetches one exposition; rejects with a ScrapeError naming what went wrong. */
  fetch(url: string, timeoutMs: number, signal?: AbortSignal): Promise<ScrapeResponse> {
    const u = new URL(url);
    const isHttps = u.protocol === 'https:';
    const headers: Record<string, string> = {
      Accept: this.accept,
      'Accept-Encoding': this.job.enable_compression === false ? 'identity' : 'gzip',
      'User-Agent': this.userAgent,
      'X-Prometheus-Scrape-Timeout-Seconds': String(timeoutMs / 1000),
    };
    const auth = this.authorization();
    if (auth) headers.Authorization = auth;
    const limit = this.bodyLimit;
    return new Promise((resolve, reject) => {
      const req = (isHttps ? https : http).request(u, { method: 'GET', headers, agent: isHttps ? this.httpsAgent : this.httpAgent, timeout: timeoutMs, ...(signal && { signal }) });
      const timer = setTimeout(() => req.destroy(new ScrapeError('PNP_SCRAPE_TIMEOUT', `context deadline exceeded: no answer within ${timeoutMs / 1000}s`)), timeoutMs);
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err instanceof ScrapeError ? err : new ScrapeError('PNP_SCRAPE_HTTP', `${err.message}`, { cause: err }));
      });
      req.on('response', (res) => {
        if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) {
          res.resume();
          clearTimeout(timer);
          reject(new ScrapeError('PNP_SCRAPE_HTTP', `server returned HTTP status ${res.statusCode} ${res.statusMessage ?? ''}`.trim()));
          return;
        }
        const gzip = /gzip/i.test(String(res.headers['content-encoding'] ?? ''));
        const stream = gzip ? res.pipe(zlib.createGunzip()) : res;
        const parts: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (limit > 0 && size > limit) {
            clearTimeout(timer);
            req.destroy();
            reject(new ScrapeError('PNP_SCRAPE_BODY_SIZE_LIMIT', `body size limit exceeded: more than ${limit} bytes (body_size_limit)`));
            return;
          }
          parts.push(chunk);
        });
        stream.on('error', (err: Error) => {
          clearTimeout(timer);
          reject(new ScrapeError('PNP_SCRAPE_HTTP', `reading the body: ${err.message}`, { cause: err }));
        });
        stream.on('end', () => {
          clearTimeout(timer);
          resolve({ body: Buffer.concat(parts).toString('utf8'), contentType: res.headers['content-type'], bytes: size });
        });
      });
      req.end();
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
