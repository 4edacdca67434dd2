// Opens a session to a board and checks that its VM can run what our compiler makes.
import { IMAGE_FORMAT_VERSION } from '../../compiler/src/bytecode/format';
import { DeviceSession, LinkError, type SessionOptions, type VmInfo } from '../link/session';
import type { Transport } from '../link/transport';

/** `beforeHello` may listen to the session before it says anything: a board that starts its boot
 *  program at once prints before it answers. */
export async function openSession(transport: Transport, options?: SessionOptions,
  beforeHello?: (session: DeviceSession) => void): Promise<{ session: DeviceSession; info: VmInfo }> {
  const session = new DeviceSession(transport, options);
  beforeHello?.(session);
  try {
    const info = await session.hello();
    if (info.imageFormatVersion !== IMAGE_FORMAT_VERSION) {
      throw new LinkError(`the VM on this board (v${info.vmVersion}) runs image format ${info.imageFormatVersion}, ` +
        `but this IDE makes format ${IMAGE_FORMAT_VERSION}: burn the VM that comes with this IDE onto the board`);
    }
    return { session, info };
  } catch (err) {
    await session.close();
    throw err;
  }
}
