// DAP sessions against the Virtual board serving the link on a pseudo-terminal, opened as a
// serial port (as a board is): see sessions.ts.
import { startPtyBoard } from '../../main/devices/virtualBoard';
import { SerialTransport } from '../../main/link/serialTransport';
import { debugSessions } from './sessions';

debugSessions('the Virtual board (pty)', async () => {
  const board = await startPtyBoard();
  return { connect: () => SerialTransport.open(board.path), stop: () => board.stop() };
});
