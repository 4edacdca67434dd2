// Every image is verified before it runs, so no image can crash the VM. This mutates compiled
// conformance programs (with a fixed seed, fixing up the CRC so the verifier sees the damage) and
// runs them: each must end with an exit status (ok, exception or "bad image"), never a signal.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileProject } from '../compiler/src/index';
import { crc32 } from '../compiler/src/bytecode/crc32';
import { hostVmPath } from '../main/devices/virtualBoard';

const dir = join(__dirname, 'conformance');
const scratch = mkdtempSync(join(tmpdir(), 'viper-fuzz-'));
const files: Record<string, string> = {};
for (const f of readdirSync(dir)) if (f.endsWith('.py')) files[f] = readFileSync(join(dir, f), 'utf8');
const programs = Object.keys(files).filter(n => /^(classes|generators|exceptions|calls|closures|comprehensions|with|unpack)_/.test(n)).sort();

describe('damaged images', () => {
  it('never crash the VM', () => {
    let seed = 20261124;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    let ran = 0;
    for (let i = 0; i < 150; i++) {
      const name = programs[rnd(programs.length)];
      const image = Uint8Array.from(compileProject(files, name).image!);
      for (let k = 1 + rnd(3); k > 0; k--) image[16 + rnd(image.length - 16)] = rnd(256);
      new DataView(image.buffer).setUint32(12, crc32(image, 16), true);
      const path = join(scratch, 'damaged.vbc');
      writeFileSync(path, image);
      const r = spawnSync(hostVmPath(), [path], { encoding: 'utf8', timeout: 10000 });
      if (!/bad image/.test(r.stderr)) ran++;
      expect({ name, i, signal: r.signal }).toEqual({ name, i, signal: null });
      expect([0, 1, 2, 3]).toContain(r.status);
    }
    expect(ran).toBeGreaterThan(10);   // some damage passes the verifier and runs
  });
});
