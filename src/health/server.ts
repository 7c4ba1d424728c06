// HEALTH_PORT's HTTP server: GET /healthz (the process answers), GET /readyz (200 only once logged in with the
// index loaded, else 503 and why), GET /metrics (Prometheus text). Anything else is 404/405. Read-only, no body
// is read, nothing a client sends can change state.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotMetrics } from './metrics.js';

export interface HealthOptions {
  port: number;
  host: string;
  metrics: BotMetrics;
  /** null when ready; otherwise the reason, e.g. "logging in to Discord". */
  notReady(): string | null;
}

export interface HealthServer {
  /** The address actually bound (port 0 = a free port). */
  url: string;
  close(): Promise<void>;
}

export async function startHealthServer(opts: HealthOptions): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (code: number, body: string, type = 'text/plain; charset=utf-8') => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(405, 'method not allowed\n');
    }
    if (path === '/healthz') return send(200, 'ok\n');
    if (path === '/readyz') {
      const reason = opts.notReady();
      return reason === null ? send(200, 'ready\n') : send(503, `not ready: ${reason}\n`);
    }
    if (path === '/metrics') {
      opts.metrics.text().then(
        (text) => send(200, text, opts.metrics.registry.contentType),
        (err: Error) => send(500, `metrics failed: ${err.message}\n`),
      );
      return;
    }
    send(404, 'not found: try /healthz, /readyz or /metrics\n');
  });
  // Scrapers keep connections open; never let one hold the process or a slow client pile up sockets.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    const refused = (err: NodeJS.ErrnoException) => reject(new Error(
      `The health server cannot listen on ${opts.host}:${opts.port} (${err.code ?? err.message}): change HEALTH_PORT or HEALTH_HOST, or leave HEALTH_PORT empty.`,
    ));
    server.once('error', refused);
    server.listen(opts.port, opts.host, () => {
      server.off('error', refused);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
