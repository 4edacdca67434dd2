// DAP messages over a byte stream (stdio): each a "Content-Length: N\r\n\r\n" header, then N
// bytes of JSON. Requests go to the adapter; its responses and events come back the same way.
import type { Readable, Writable } from 'node:stream';
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import type { DebugAdapter } from './adapter';

const HEADER_END = Buffer.from('\r\n\r\n');

/** Splits a stream of framed messages; a malformed header or JSON is reported and skipped. */
export class DapReader {
  private buffer = Buffer.alloc(0);

  constructor(private readonly onMessage: (message: unknown) => void, private readonly onError: (why: string) => void) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf(HEADER_END);
      if (end < 0) return;
      const header = this.buffer.subarray(0, end).toString('ascii');
      const length = /(?:^|\r\n)Content-Length:\s*(\d+)/i.exec(header);
      if (!length) {
        this.onError(`a message without Content-Length: ${JSON.stringify(header.slice(0, 80))}`);
        this.buffer = this.buffer.subarray(end + HEADER_END.length);
        continue;
      }
      const start = end + HEADER_END.length, size = Number(length[1]);
      if (this.buffer.length < start + size) return;
      const body = this.buffer.subarray(start, start + size).toString('utf8');
      this.buffer = this.buffer.subarray(start + size);
      try {
        this.onMessage(JSON.parse(body));
      } catch {
        this.onError(`a message that is not JSON: ${JSON.stringify(body.slice(0, 80))}`);
      }
    }
  }
}

export function encodeDapMessage(message: DP.ProtocolMessage): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** Serves the adapter on a stream pair until the client disconnects or the input ends. */
export function serveDap(adapter: DebugAdapter, input: Readable, output: Writable, log: (why: string) => void): Promise<void> {
  const write = (m: DP.ProtocolMessage) => output.write(encodeDapMessage(m));
  const offEvents = adapter.onEvent(write);
  return new Promise(resolve => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      offEvents();
      input.off('data', onData);
      resolve();
    };
    const reader = new DapReader(message => {
      const request = message as DP.Request;
      if (request?.type !== 'request' || typeof request.command !== 'string' || typeof request.seq !== 'number') {
        log(`not a DAP request: ${JSON.stringify(message).slice(0, 80)}`);
        return;
      }
      void adapter.handle(request).then(response => {
        write(response);
        if (request.command === 'disconnect') finish();
      });
    }, log);
    const onData = (chunk: Buffer) => reader.push(chunk);
    input.on('data', onData);
    input.once('end', () => { void adapter.dispose().then(finish); });
  });
}
