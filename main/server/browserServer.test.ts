// The browser-mode server on a real loopback socket, with a fake API behind it: the server is
// what is under test here, not the service.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { BoardInfo, DeviceEvent, ServerMessage } from '../common/api';
import { fakeMainApi } from '../services/testing/fakeMainApi';
import { startBrowserServer, type BrowserServer } from './browserServer';

const BOARDS: BoardInfo[] = [{ id: 'virtual', name: 'Virtual board', kind: 'virtual' }];

function fakeApi() {
  const listeners = new Set<(event: DeviceEvent) => void>();
  return fakeMainApi({
    listBoards: async () => BOARDS,
    run: async () => ({ ok: true as const }),
    stop: async () => undefined,
    onEvent(listener: (event: DeviceEvent) => void) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    emit: (event: DeviceEvent) => listeners.forEach(l => l(event)),
    listenerCount: () => listeners.size,
  });
}

interface HttpReply { status: number; type?: string; body: string }

function get(server: BrowserServer, path: string, headers: Record<string, string> = {}): Promise<HttpReply> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    // A raw request so paths like /../ are sent as written, not normalised by a URL parser.
    const req = request({ host: '127.0.0.1', port, path, headers }, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', chunk => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function wsUrl(server: BrowserServer, token = server.token): string {
  const { host } = new URL(server.url);
  return `ws://${host}/ws?token=${encodeURIComponent(token)}`;
}

function ownOrigin(server: BrowserServer): string {
  return new URL(server.url).origin;
}

/** Resolves with the HTTP status the server refused the upgrade with, or 101 if it accepted. */
function upgradeStatus(url: string, origin: string): Promise<number> {
  return new Promise(resolve => {
    const ws = new WebSocket(url, { origin });
    ws.on('open', () => { ws.close(); resolve(101); });
    ws.on('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); res.resume(); });
    ws.on('error', () => resolve(0));
  });
}

async function connect(server: BrowserServer): Promise<{ ws: WebSocket; next(): Promise<ServerMessage> }> {
  const ws = new WebSocket(wsUrl(server), { origin: ownOrigin(server) });
  const queue: ServerMessage[] = [];
  const waiting: ((m: ServerMessage) => void)[] = [];
  ws.on('message', data => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    const waiter = waiting.shift();
    if (waiter) waiter(message); else queue.push(message);
  });
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  const next = () => new Promise<ServerMessage>(resolve => {
    const queued = queue.shift();
    if (queued) resolve(queued); else waiting.push(resolve);
  });
  return { ws, next };
}

describe('browser server', () => {
  let dir: string;
  let staticDir: string;
  let api: ReturnType<typeof fakeApi>;
  let server: BrowserServer;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'viper-server-'));
    staticDir = join(dir, 'static');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Viper</title>');
    writeFileSync(join(staticDir, 'main.js'), 'console.log(1)');
    writeFileSync(join(staticDir, 'assets', 'main.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), 'do not serve me');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    api = fakeApi();
    server = await startBrowserServer({ api, staticDir });
  });

  afterEach(() => server.close());

  test('listens on 127.0.0.1 with a token in the URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect(server.url.endsWith(server.token)).toBe(true);
  });

  test('refuses a non-loopback host', async () => {
    await expect(startBrowserServer({ api, staticDir, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  test('serves the page with or without the token (a reload has none), the API only with it', async () => {
    for (const path of [`/?token=${server.token}`, '/', '/index.html', '/index.html?token=wrong']) {
      const page = await get(server, path);
      expect(page.status).toBe(200);
      expect(page.type).toBe('text/html; charset=utf-8');
      expect(page.body).toContain('<title>Viper</title>');
      expect(page.body).not.toContain(server.token);
    }
    expect((await get(server, '/ws')).status).toBe(403);
    expect((await get(server, `/ws?token=${server.token}`)).status).toBe(403);   // plain HTTP: only the socket upgrade
  });

  test('serves assets with their content types', async () => {
    expect(await get(server, '/main.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(await get(server, '/assets/main.css')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8' });
    expect((await get(server, '/missing.js')).status).toBe(404);
  });

  test('refuses directory traversal', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt', '/%00index.html', '/assets/']) {
      const reply = await get(server, path);
      expect([403, 404]).toContain(reply.status);
      expect(reply.body).not.toContain('do not serve me');
    }
  });

  test('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get(server, `/?token=${server.token}`, { host: 'evil.example' })).status).toBe(403);
  });

  test('refuses the socket without the right token or Origin', async () => {
    const origin = ownOrigin(server);
    expect(await upgradeStatus(wsUrl(server), origin)).toBe(101);
    expect(await upgradeStatus(wsUrl(server, 'wrong'), origin)).toBe(403);
    expect(await upgradeStatus(wsUrl(server).replace(/\?token=.*/, ''), origin)).toBe(403);
    expect(await upgradeStatus(wsUrl(server), 'http://evil.example')).toBe(403);
    expect(await upgradeStatus(wsUrl(server), origin.replace('127.0.0.1', 'localhost'))).toBe(403);
  });

  test('answers a listBoards request', async () => {
    const { ws, next } = await connect(server);
    ws.send(JSON.stringify({ id: 7, method: 'listBoards', params: {} }));
    expect(await next()).toEqual({ id: 7, result: BOARDS });
    ws.close();
  });

  test('answers malformed JSON and unknown methods with errors and stays up', async () => {
    const { ws, next } = await connect(server);
    ws.send('{not json');
    expect(await next()).toEqual({ id: null, error: expect.stringMatching(/malformed JSON/) });
    ws.send(JSON.stringify({ id: 1, method: 'format_disk', params: {} }));
    expect(await next()).toEqual({ id: 1, error: expect.stringMatching(/unknown method/) });
    ws.send(JSON.stringify({ id: 2, method: 'run', params: { boardId: 3 } }));
    expect(await next()).toEqual({ id: 2, error: expect.stringMatching(/rejected message/) });
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await next()).toEqual({ id: null, error: expect.stringMatching(/JSON text/) });
    ws.send(JSON.stringify({ id: 3, method: 'listBoards' }));
    expect(await next()).toEqual({ id: 3, result: BOARDS });
    ws.close();
  });

  test('pushes events and stops listening when the socket closes', async () => {
    const { ws, next } = await connect(server);
    const event: DeviceEvent = { kind: 'output', boardId: 'virtual', text: 'hello 3\n' };
    api.emit(event);
    expect(await next()).toEqual({ event });
    expect(api.listenerCount()).toBe(1);
    ws.close();
    await new Promise(resolve => ws.once('close', resolve));
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(api.listenerCount()).toBe(0);
  });
});
