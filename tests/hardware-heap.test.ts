// The machine and board modules are native (vm-firmware/core/modmachine.c, machine_*.c,
// modboard.c): importing them costs the heap only their module dicts, so they fit a Nucleo's
// 28 KB heap. The host VM run with --heap 28k emulates that heap (its values are 8 bytes, a
// board's 4: the host is the harder case). Each program runs on the host VM and on the
// ASan+UBSan build that collects at every allocation.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../compiler/src/index';
import { hostVmPath } from '../main/devices/virtualBoard';

const root = join(__dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'viper-hardware-heap-'));

function imageFile(name: string): string {
  const { image, diagnostics } = compile(readFileSync(join(__dirname, 'hardware-heap', `${name}.py`), 'utf8'), `${name}.py`);
  expect(diagnostics).toEqual([]);
  const path = join(scratch, `${name}.vbc`);
  writeFileSync(path, image!);
  return path;
}

let asan: string | undefined;
function vmOf(which: 'plain' | 'asan'): string {
  if (which === 'plain') return hostVmPath();
  if (asan === undefined) {
    const r = spawnSync('make', ['-s', '-C', join(root, 'vm-firmware'), 'build/asan/viper-vm-stress'], { encoding: 'utf8', timeout: 600000 });
    expect(r.stderr).toBe('');
    asan = join(root, 'vm-firmware', 'build', 'asan', 'viper-vm-stress');
  }
  return asan;
}

function run(which: 'plain' | 'asan', name: string, heap?: string): { stdout: string; stderr: string } {
  const args = [...(heap ? ['--heap', heap] : []), imageFile(name)];
  const r = spawnSync(vmOf(which), args, { encoding: 'utf8', timeout: 120000 });
  expect(r.signal).toBeNull();
  return { stdout: r.stdout, stderr: r.stderr };
}

describe.each(['plain', 'asan'] as const)('machine and board on a small heap, %s VM', which => {
  it('costs little to import: the modules are native', () => {
    const { stdout, stderr } = run(which, 'import_cost');
    expect(stderr).toBe('');
    const [machine, board] = stdout.trim().split(' ').map(Number);
    console.log(`${which} VM: import machine: ${machine} bytes of heap, import board: ${board} bytes (compiler/lib/machine.py and board.py took 13,888 and 8,848)`);
    expect(machine).toBeGreaterThan(0);
    expect(machine).toBeLessThan(2048);
    expect(board).toBeLessThan(2048);
  }, 300000);

  it('runs Pin, ADC, PWM and Timer within a Nucleo\'s 28 KB heap', () => {
    const { stdout, stderr } = run(which, 'small_heap', '28k');
    expect(stderr).toBe('');
    expect(stdout).toBe([
      "Pin('D13', mode=Pin.OUT) 1 True", "32768 PWM(Pin('D9'), freq=500, duty_u16=1000)", 'Timer(-1) 0', '0 virtual', '',
    ].join('\n'));
  }, 300000);

  it('runs a Timer callback and a pin\'s irq handler (the callbacks\' thread) within 28 KB', () => {
    const { stdout, stderr } = run(which, 'callbacks_heap', '28k');
    expect(stderr).toBe('');
    expect(stdout).toBe('True D5\n');
  }, 300000);
});
