// Turns an untrusted message from the renderer into a call on the main-side API. Shared by the
// Electron IPC handler and the browser-mode WebSocket server, so both validate the same way:
// parseRequest checks the message against the method table, then the named method is called.
import type { Request, Response, ViperApi } from '../common/api';
import { parseRequest } from '../common/apiTable';

/** What a main side implements: every method of the renderer's API but onEvent. */
export type MainApi = Omit<ViperApi, 'onEvent'>;

/** Calls the method a checked request names. parseRequest paired the method with its checked
 *  parameters (Request is a union over the table); TypeScript cannot follow that pairing here. */
function call(api: MainApi, { method, params }: Request): Promise<unknown> {
  return (api[method] as (params: unknown) => Promise<unknown>).call(api, params);
}

export async function dispatch(api: MainApi, raw: unknown): Promise<Response> {
  let request: Request;
  try {
    request = parseRequest(raw);
  } catch (err) {
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number'
      ? (raw as { id: number }).id : null;
    return { id, error: `rejected message: ${(err as Error).message}` };
  }
  try {
    return { id: request.id, result: await call(api, request) ?? null };
  } catch (err) {
    return { id: request.id, error: (err as Error).message };
  }
}
