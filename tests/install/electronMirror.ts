// A stand-in for Electron's download server on loopback (ELECTRON_MIRROR points at it), in three
// moods: 'refuse' cuts every connection (what "no access" looks like), 'slow' trickles a large
// file, 'serve' hands out a small runtime zip whose `electron` is the given shell script.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

export type MirrorMood = 'refuse' | 'slow' | 'serve';

export interface ElectronMirror {
  url: string;                  // ends with "/", as ELECTRON_MIRROR wants
  connections: number;          // how many times a download was tried
  mood: MirrorMood;
  close(): Promise<void>;
}

/** A zip of one executable file, stored uncompressed (what extract-zip unpacks, mode kept). */
export function zipOneFile(name: string, content: Buffer): Buffer {
  const fileName = Buffer.from(name);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14); local.writeUInt32LE(content.length, 18); local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE((3 << 8) | 20, 4); central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16); central.writeUInt32LE(content.length, 20); central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  central.writeUInt32LE((0o100755 << 16) >>> 0, 38);     // a Unix file, rwxr-xr-x
  const centralAt = local.length + fileName.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12); end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, fileName, content, central, fileName, end]);
}

export async function startElectronMirror(mood: MirrorMood, runtimeScript = ''): Promise<ElectronMirror> {
  const zip = zipOneFile('electron', Buffer.from(runtimeScript));
  const sums = (file: string) => `${createHash('sha256').update(zip).digest('hex')} *${file}\n`;
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    mirror.connections++;
    const file = (req.url ?? '').split('/').pop() ?? '';
    if (mirror.mood === 'refuse') return req.socket.destroy();
    if (mirror.mood === 'slow') {
      res.writeHead(200, { 'Content-Length': String(100e6) });
      const timer = setInterval(() => res.write(Buffer.alloc(256 << 10)), 250);   // 1 MB/s
      timers.add(timer);
      res.on('close', () => { clearInterval(timer); timers.delete(timer); });
      return;
    }
    if (file === 'SHASUMS256.txt') return res.end(sums(zipNameFrom(req.url ?? '')));
    if (file.endsWith('.zip')) return res.end(zip);
    res.writeHead(404).end();
  });
  // The SHASUMS file names the zip of the version directory it sits in.
  const zipNameFrom = (url: string) => {
    const version = url.split('/').slice(-2)[0];
    return `electron-${version}-${process.platform}-${process.arch}.zip`;
  };
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const mirror: ElectronMirror = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    connections: 0,
    mood,
    close: () => {
      for (const t of timers) clearInterval(t);
      server.closeAllConnections();
      return new Promise(resolve => server.close(() => resolve()));
    },
  };
  return mirror;
}
