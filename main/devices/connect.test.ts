// openSession refuses a VM that cannot run this IDE's images, and says what to do.
import { IMAGE_FORMAT_VERSION } from '../../compiler/src/bytecode/format';
import { SerialTransport } from '../link/serialTransport';
import { openSession } from './connect';
import { startFakeVm } from './testing/fakeVm';
import { openPtyPair, type PtyPair } from './testing/ptyPair';

describe('openSession', () => {
  let pair: PtyPair;
  beforeEach(async () => { pair = await openPtyPair(); });
  afterEach(async () => { await pair.close(); });

  it('refuses a VM of another image format with a message that says what to do', async () => {
    const vm = await startFakeVm(pair.board, { boardId: 'nucleo-f401re', imageFormatVersion: IMAGE_FORMAT_VERSION + 1 });
    try {
      await expect(openSession(await SerialTransport.open(pair.host))).rejects.toThrow(
        new RegExp(`runs image format ${IMAGE_FORMAT_VERSION + 1}, but this IDE makes format ${IMAGE_FORMAT_VERSION}: burn the VM that comes with this IDE onto the board`));
    } finally { await vm.close(); }
  });

  it('accepts a version 1 VM of the right image format (no v2 fields)', async () => {
    const vm = await startFakeVm(pair.board, { boardId: 'due', imageFormatVersion: IMAGE_FORMAT_VERSION });
    try {
      const { session, info } = await openSession(await SerialTransport.open(pair.host));
      expect(info).toMatchObject({ protocolVersion: 1, boardId: 'due' });
      expect(info.window).toBeUndefined();
      await session.close();
    } finally { await vm.close(); }
  });
});
