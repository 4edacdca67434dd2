// The DFU flasher. Against the real dfu-util where it is installed (Debian: dfu-util), for what
// needs no device: no bootloader connected. Against a fake dfu-util (a small node script) for
// what needs one: the arguments, the progress it prints, its failures.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DfuFlasher, explainDfuFailure, listDfuDevices, parseDfuList } from './dfu';
import { FlashError, type FlashProgress } from './flasher';

const realDfuUtil = spawnSync('dfu-util', ['-V'], { encoding: 'utf8' }).status === 0;

const ST_BOOTLOADER = 'Found DFU: [0483:df11] ver=2200, devnum=12, cfg=1, intf=0, path="1-1.2", alt=0, ' +
  'name="@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg", serial="375A38663436"';
const ST_OPTION_BYTES = 'Found DFU: [0483:df11] ver=2200, devnum=12, cfg=1, intf=0, path="1-1.2", alt=1, ' +
  'name="@Option Bytes  /0x1FFFC000/01*016 e", serial="375A38663436"';

/** A fake dfu-util: `-l` prints LIST; a download copies the image to image.bin, records its
 *  arguments in args.json and prints dfu-util 0.11's DfuSe progress, or fails as told. */
function fakeDfuUtil(dir: string, list: string[], download: 'ok' | 'leave-error' | 'fail' | 'hang' = 'ok'): string {
  const path = join(dir, 'dfu-util');
  writeFileSync(path, `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
const out = s => process.stdout.write(s);
out('dfu-util 0.11\\n\\nCopyright 2005-2009 Weston Schmidt, Harald Welte and OpenMoko Inc.\\n');
if (args[0] === '-l') { out(${JSON.stringify(list.map(l => l + '\n').join(''))}); process.exit(0); }
fs.writeFileSync(${JSON.stringify(join(dir, 'args.json'))}, JSON.stringify(args));
const file = args[args.indexOf('-D') + 1];
fs.copyFileSync(file, ${JSON.stringify(join(dir, 'image.bin'))});
const mode = ${JSON.stringify(download)};
if (mode === 'fail') { process.stderr.write('dfu-util: Error during download get_status\\n'); process.exit(74); }
if (mode === 'hang') { setInterval(() => {}, 1000); out('Download\\t[====                     ]  16%        10000 bytes\\r'); return; }
const size = fs.statSync(file).size;
out('Downloading element to address = 0x08000000, size = ' + size + '\\n');
for (const p of [0, 48, 100]) out('\\rErase   \\t[' + '='.repeat(p / 4) + ' '.repeat(25 - p / 4) + '] ' + String(p).padStart(3) + '% ' + String(Math.round(size * p / 100)).padStart(12) + ' bytes');
out('\\nErase    done.\\n');
for (const p of [0, 24, 52, 100]) out('\\rDownload\\t[' + '='.repeat(Math.floor(p / 4)) + ' '.repeat(25 - Math.floor(p / 4)) + '] ' + String(p).padStart(3) + '% ' + String(Math.round(size * p / 100)).padStart(12) + ' bytes');
out('\\nDownload done.\\nFile downloaded successfully\\nSubmitting leave request...\\n');
if (mode === 'leave-error') { process.stderr.write('dfu-util: Error during download get_status\\n'); process.exit(74); }
out('Transitioning to dfuMANIFEST state\\n');
`);
  chmodSync(path, 0o755);
  return path;
}

describe('DfuFlasher', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'viper-dfu-test-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const img = Uint8Array.from({ length: 50000 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);

  it('runs dfu-util on the ST bootloader at 0x08000000 with leave, and reports erase, write and boot', async () => {
    const dfuUtil = fakeDfuUtil(dir, [ST_BOOTLOADER, ST_OPTION_BYTES]);
    const seen: FlashProgress[] = [];
    await new DfuFlasher({ dfuUtil }).flash({ image: img, onProgress: p => seen.push(p) });
    const args = JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as string[];
    expect(args.slice(0, -1)).toEqual(['-d', '0483:df11', '-a', '0', '-s', '0x08000000:leave', '-D']);
    expect(readFileSync(join(dir, 'image.bin')).equals(Buffer.from(img))).toBe(true);
    expect(seen.filter(p => p.phase === 'erase').map(p => p.done)).toEqual([0, 24000, 50000]);
    expect(seen.filter(p => p.phase === 'write').map(p => p.done)).toEqual([0, 12000, 26000, 50000]);
    expect(seen[0]).toEqual({ phase: 'connect', done: 0, total: 1 });
    expect(seen.at(-1)).toEqual({ phase: 'boot', done: 1, total: 1 });
  });

  it('picks the board by its serial number when told, and refuses one that is not there', async () => {
    const dfuUtil = fakeDfuUtil(dir, [ST_BOOTLOADER]);
    await new DfuFlasher({ dfuUtil, device: '375A38663436' }).flash({ image: img });
    expect(JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8'))).toEqual(expect.arrayContaining(['-S', '375A38663436']));
    const err = await new DfuFlasher({ dfuUtil, device: 'FFFF' }).flash({ image: img }).catch(e => e);
    expect(err).toBeInstanceOf(FlashError);
    expect(err.message).toBe('the STM32 bootloader with serial number FFFF is not connected (dfu-util sees 375A38663436)');
  });

  it('takes dfu-util\'s "get_status" error after a finished download for the board leaving', async () => {
    const dfuUtil = fakeDfuUtil(dir, [ST_BOOTLOADER], 'leave-error');
    await expect(new DfuFlasher({ dfuUtil }).flash({ image: img })).resolves.toBeUndefined();
  });

  it('reports a download that failed with dfu-util\'s last words', async () => {
    const dfuUtil = fakeDfuUtil(dir, [ST_BOOTLOADER], 'fail');
    const err = await new DfuFlasher({ dfuUtil }).flash({ image: img }).catch(e => e);
    expect(err).toBeInstanceOf(FlashError);
    expect(err.message).toBe('dfu-util could not burn the VM (exit status 74: dfu-util: Error during download get_status)');
    expect(err.hint).toMatch(/RESET with BOOT0 still high/);
  });

  it('says how to enter DFU mode when only other DFU devices are connected', async () => {
    const dfuUtil = fakeDfuUtil(dir, ['Found DFU: [2e8a:0003] ver=0100, devnum=3, cfg=1, intf=0, path="1-3", alt=0, name="RP2", serial="E660"']);
    const err = await new DfuFlasher({ dfuUtil }).flash({ image: img }).catch(e => e);
    expect(err.message).toBe('no STM32 bootloader in DFU mode is connected');
    expect(err.hint).toMatch(/BOOT0 to VDD/);
  });

  it('refuses to guess between two bootloaders', async () => {
    const second = ST_BOOTLOADER.replace('375A38663436', '2061376A5656').replace('1-1.2', '1-1.3');
    const err = await new DfuFlasher({ dfuUtil: fakeDfuUtil(dir, [ST_BOOTLOADER, second]) }).flash({ image: img }).catch(e => e);
    expect(err.message).toBe('2 STM32 bootloaders in DFU mode are connected');
  });

  it('stops dfu-util when cancelled', async () => {
    const dfuUtil = fakeDfuUtil(dir, [ST_BOOTLOADER], 'hang');
    const abort = new AbortController();
    const err = await new DfuFlasher({ dfuUtil })
      .flash({ image: img, signal: abort.signal, onProgress: p => { if (p.phase === 'write') abort.abort(); } }).catch(e => e);
    expect(err).toMatchObject({ cancelled: true });
  });

  it('says how to install dfu-util when it is missing', async () => {
    const err = await new DfuFlasher({ dfuUtil: join(dir, 'no-such-dfu-util') }).flash({ image: img }).catch(e => e);
    expect(err).toBeInstanceOf(FlashError);
    expect(err.message).toMatch(/^dfu-util is not installed/);
    expect(err.hint).toMatch(/apt install dfu-util/);
  });

  (realDfuUtil ? it : it.skip)('with the real dfu-util and no board in DFU mode: says how to enter it', async () => {
    // A machine with an STM32 in DFU mode plugged in would burn it here: CI machines have none.
    expect((await listDfuDevices()).filter(d => d.id === '0483:df11')).toEqual([]);
    const err = await new DfuFlasher().flash({ image: img }).catch(e => e);
    expect(err).toBeInstanceOf(FlashError);
    expect(err.message).toBe('no STM32 bootloader in DFU mode is connected');
    // and what its download says then (it gets that far when a bootloader leaves after the list)
    writeFileSync(join(dir, 'vm.bin'), img);
    const run = spawnSync('dfu-util', ['-d', '0483:df11', '-a', '0', '-s', '0x08000000:leave', '-D', join(dir, 'vm.bin')], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    const explained = explainDfuFailure(run.stdout + run.stderr, run.status);
    expect(explained.message).toBe('no STM32 bootloader in DFU mode is connected');
    expect(explained.hint).toMatch(/BOOT0 to VDD/);
  });
});

describe('parseDfuList', () => {
  it('reads each interface of `dfu-util -l`', () => {
    expect(parseDfuList(`dfu-util 0.11\n\n${ST_BOOTLOADER}\n${ST_OPTION_BYTES}\n`)).toEqual([
      { id: '0483:df11', path: '1-1.2', alt: 0, name: '@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg', serial: '375A38663436' },
      { id: '0483:df11', path: '1-1.2', alt: 1, name: '@Option Bytes  /0x1FFFC000/01*016 e', serial: '375A38663436' },
    ]);
    expect(parseDfuList('dfu-util 0.11\nCopyright 2010-2021 Tormod Volden and Stefan Schmidt\n')).toEqual([]);
  });
});
