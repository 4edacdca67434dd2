import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostVmPath, setHostVmPath, virtualBoardAvailability } from './virtualBoard';

describe('virtualBoardAvailability', () => {
  let dir: string;
  const savedEnv = process.env.VIPER_VM;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'viper-vb-')); delete process.env.VIPER_VM; });
  afterEach(() => {
    setHostVmPath(undefined);
    if (savedEnv === undefined) delete process.env.VIPER_VM; else process.env.VIPER_VM = savedEnv;
    rmSync(dir, { recursive: true, force: true });
  });

  it('is available where the configured host VM exists and runs', () => {
    const vm = join(dir, 'viper-vm');
    writeFileSync(vm, '#!/bin/sh\n');
    chmodSync(vm, 0o755);
    setHostVmPath(vm);
    expect(hostVmPath()).toBe(vm);
    expect(virtualBoardAvailability('linux')).toEqual({ available: true });
    expect(virtualBoardAvailability('darwin')).toEqual({ available: true });
  });

  it('is not available on Windows, and says why', () => {
    expect(virtualBoardAvailability('win32')).toEqual({ available: false, reason: expect.stringMatching(/does not run on Windows/) });
  });

  it('says the installation is broken when the packaged VM is missing', () => {
    setHostVmPath(join(dir, 'viper-vm'));
    expect(virtualBoardAvailability('linux')).toEqual({ available: false, reason: expect.stringMatching(/missing from this installation .*reinstall/) });
  });

  it('says when the VM is not executable', () => {
    const vm = join(dir, 'viper-vm');
    writeFileSync(vm, 'not a program');
    chmodSync(vm, 0o644);
    setHostVmPath(vm);
    const result = virtualBoardAvailability('linux');
    // root may execute nothing without an x bit either: X_OK needs at least one x bit set
    expect(result).toEqual({ available: false, reason: expect.stringMatching(/not executable/) });
  });

  it('VIPER_VM overrides the configured path', () => {
    setHostVmPath(join(dir, 'configured'));
    process.env.VIPER_VM = join(dir, 'from-env');
    expect(hostVmPath()).toBe(join(dir, 'from-env'));
    expect(virtualBoardAvailability('linux')).toEqual({ available: false, reason: expect.stringMatching(/from-env does not exist/) });
  });
});
