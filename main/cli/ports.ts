// `viper ports`: the serial ports on this machine and what is on them — a board known by its
// USB ID, or a Viper VM that answered HELLO (with its versions).
import { identifyUsb } from '../devices/boardTable';
import { listPorts } from '../devices/listPorts';
import type { PortInfo } from '../devices/portInfo';
import { probeVm } from '../devices/probeVm';

export async function listPortsCommand(extra: string[], baudRate: number): Promise<number> {
  const ports: PortInfo[] = [...await listPorts(), ...extra.map(path => ({ path }))];
  if (ports.length === 0) {
    process.stdout.write('no serial ports found\n');
    return 0;
  }
  const rows = await Promise.all(ports.map(async port => {
    const usb = identifyUsb(port.vendorId, port.productId);
    const vm = await probeVm(port.path, { timeoutMs: 300, baudRate });
    const what = vm
      ? `Viper VM ${vm.vmVersion} on board "${vm.boardId}" (chip ${vm.chipId}), protocol ${vm.protocolVersion}, image format ${vm.imageFormatVersion}` +
        (vm.programStored ? `, a program stored${vm.runAtBoot ? ' (runs at boot)' : ''}` : '')
      : usb?.board ? `${usb.name} (no Viper VM answered: burn the VM first)`
      : 'no Viper VM answered';
    const id = port.vendorId ? ` [${port.vendorId}:${port.productId ?? '????'}]` : '';
    return `${port.path}${id}\t${usb?.name ?? port.product ?? port.manufacturer ?? ''}\t${what}`;
  }));
  process.stdout.write(rows.join('\n') + '\n');
  return 0;
}
