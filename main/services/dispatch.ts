// Turns an untrusted message from the renderer into a call on the main-side API. Shared by the
// Electron IPC handler and the browser-mode WebSocket server, so both validate the same way.
import { parseRequest, type Method, type Response, type ViperApi } from '../common/api';

/** What a main side implements: every method of the renderer's API but onEvent. */
export type MainApi = Omit<ViperApi, 'onEvent'>;

export async function dispatch(api: MainApi, raw: unknown): Promise<Response> {
  let request;
  try {
    request = parseRequest(raw);
  } catch (err) {
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number'
      ? (raw as { id: number }).id : null;
    return { id, error: `rejected message: ${(err as Error).message}` };
  }
  try {
    // parseRequest only returns known method names with their checked parameters.
    const method = api[request.method as Method] as (params: unknown) => Promise<unknown>;
    return { id: request.id, result: await method.call(api, request.params) ?? null };
  } catch (err) {
    return { id: request.id, error: (err as Error).message };
  }
}
