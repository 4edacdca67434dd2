// Browser mode: serves the renderer and the API on loopback for machines without the Electron
// runtime. Anything else on this machine can reach a loopback port, so every request proves it
// came from the page we handed out:
//   - the API socket (`/ws`) needs the per-run random token, and our own Origin, so other web
//     pages cannot drive it; everything the API can do sits behind it;
//   - every request needs our own Host header, which defeats DNS rebinding;
//   - the page and the bundle are served without the token: they hold no secrets (the same files
//     ship in the app), and the page drops the token from its address once loaded (keeping it in
//     this tab's sessionStorage, see renderer/src/api/connectApi.ts), so a reload asks for `/`
//     without it and must still get the page. Scripts and styles load by plain
//     <script src>/<link href>, which could not carry the token anyway.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { DeviceEvent, Response, ServerMessage } from '../common/api';
import { dispatch, type MainApi } from '../services/dispatch';
import { resolveStaticFile, sendFile } from './staticFiles';

export interface BrowserServerOptions {
  api: MainApi & { onEvent(listener: (event: DeviceEvent) => void): () => void };
  staticDir: string;
  port?: number;            // 0 or absent: any free port
  host?: string;            // a loopback address; default 127.0.0.1
}

export interface BrowserServer {
  url: string;              // http://127.0.0.1:PORT/?token=TOKEN: the page takes the token from here
  token: string;
  close(): Promise<void>;
}

const PAGE_PATHS = new Set(['/', '/index.html']);
const MAX_MESSAGE_BYTES = 8 << 20;   // a 1 MiB program, JSON-escaped, fits with room to spare

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',   // the page's address carries the token
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
};

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function sameSecret(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { api, staticDir, port = 0, host = '127.0.0.1' } = options;
  if (!isLoopback(host)) throw new Error(`browser mode listens on loopback only, not on "${host}"`);
  const token = randomBytes(24).toString('base64url');
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let origin = '';                    // known once listening: http://127.0.0.1:PORT

  const requestUrl = (req: IncomingMessage): URL | null => {
    if (req.headers.host !== origin.slice('http://'.length)) return null;
    try {
      return new URL(req.url ?? '/', origin);
    } catch {
      return null;
    }
  };

  const server = createServer((req, res) => void serveHttp(req, res));

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, text: string) => {
      res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text + '\n');
    };
    const url = requestUrl(req);
    if (!url) return reply(403, 'forbidden');
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'method not allowed');
    const isPage = PAGE_PATHS.has(url.pathname);
    if (url.pathname === '/ws') return reply(403, 'forbidden: the API is a WebSocket, opened with the token');
    const file = await resolveStaticFile(staticDir, isPage ? '/index.html' : url.pathname);
    if (!file) return reply(404, 'not found');
    sendFile(res, file, req.method === 'HEAD', COMMON_HEADERS);
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req);
    if (!url || url.pathname !== '/ws') return refuseUpgrade(socket, '404 Not Found');
    if (!sameSecret(url.searchParams.get('token'), token) || req.headers.origin !== origin) {
      return refuseUpgrade(socket, '403 Forbidden');
    }
    sockets.handleUpgrade(req, socket, head, ws => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    const send = (message: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = api.onEvent(event => send({ event }));
    ws.on('close', unsubscribe);
    ws.on('error', () => ws.terminate());
    ws.on('message', (data: RawData, isBinary: boolean) => {
      void answer(data, isBinary).then(send);
    });
  }

  async function answer(data: RawData, isBinary: boolean): Promise<Response> {
    if (isBinary) return { id: null, error: 'rejected message: expected JSON text' };
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      return { id: null, error: 'rejected message: malformed JSON' };
    }
    return dispatch(api, raw);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port: actualPort } = server.address() as AddressInfo;
  origin = `http://${urlHost}:${actualPort}`;

  return {
    url: `${origin}/?token=${token}`,
    token,
    close: () => new Promise<void>(resolveClose => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      server.close(() => resolveClose());
    }),
  };
}
