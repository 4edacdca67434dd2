// The serial transport over a real pseudo-terminal pair made by socat.
import { SerialPort } from 'serialport';
import { openPtyPair, type PtyPair } from '../devices/testing/ptyPair';
import { SerialTransport } from './serialTransport';

function openRaw(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  return new Promise((resolve, reject) => port.open(err => err ? reject(err) : resolve(port)));
}

describe('SerialTransport', () => {
  let pair: PtyPair;
  beforeEach(async () => { pair = await openPtyPair(); });
  afterEach(async () => { await pair.close(); });

  it('carries bytes both ways', async () => {
    const transport = await SerialTransport.open(pair.host);
    const board = await openRaw(pair.board);
    const atBoard = new Promise<Buffer>(resolve => board.once('data', resolve));
    transport.write(new Uint8Array([1, 2, 0, 255]));
    expect([...await atBoard]).toEqual([1, 2, 0, 255]);
    const atHost = new Promise<Uint8Array>(resolve => transport.onData(resolve));
    board.write(Buffer.from([9, 8, 7]));
    expect([...await atHost]).toEqual([9, 8, 7]);
    await transport.close();
    await new Promise<void>(r => board.close(() => r()));
  });

  it('says plainly when a port cannot be opened', async () => {
    await expect(SerialTransport.open(`${pair.host}-missing`)).rejects.toThrow(/cannot open .*host-missing/);
  });

  it('reports the close once, also to a listener added afterwards', async () => {
    const transport = await SerialTransport.open(pair.host);
    const reasons: string[] = [];
    transport.onClose(r => reasons.push(r));
    await transport.close();
    await new Promise(r => setTimeout(r, 50));
    transport.onClose(r => reasons.push(`late: ${r}`));
    expect(reasons).toEqual(['the port was closed', 'late: the port was closed']);
    transport.write(new Uint8Array([1])); // ignored, does not throw
    await transport.close();              // second close is harmless
  });
});
