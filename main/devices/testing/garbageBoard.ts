// Test helper: a board end that answers every byte it hears with bytes that are not link frames
// (a device that is no Viper VM: a modem, a GPS, a board printing its own logs).
import { SerialPort } from 'serialport';

const GARBAGE = Buffer.from('\x00\xffOK\r\n$GPGGA,,,*7F\r\n\x00\x01\x02\x00', 'latin1');

export function startGarbageBoard(path: string): Promise<{ close(): Promise<void> }> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  port.on('data', () => port.write(GARBAGE));
  port.on('error', () => { /* the other end went away */ });
  return new Promise((resolve, reject) => port.open(err => err ? reject(err) : resolve({
    close: () => new Promise<void>(r => port.isOpen ? port.close(() => r()) : r()),
  })));
}
