// Turns an untrusted message from the renderer into a call on the main-side API. Shared by the
// Electron IPC handler and the browser-mode WebSocket server, so both validate the same way.
import { parseRequest, type Response, type ToolsApi, type ViperApi } from '../common/api';

export type MainApi = Omit<ViperApi, 'onEvent'> & Partial<ToolsApi>;

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
    switch (request.method) {
      case 'listBoards': return { id: request.id, result: await api.listBoards() };
      case 'run': return { id: request.id, result: await api.run(request.params) };
      case 'stop': return { id: request.id, result: await api.stop(request.params) ?? null };
      default: {
        // Tools methods: optional on a main side; one that lacks them says so.
        const method = api[request.method] as ((params: unknown) => Promise<unknown>) | undefined;
        if (!method) return { id: request.id, error: `${request.method} is not available here` };
        return { id: request.id, result: await method.call(api, request.params) ?? null };
      }
    }
  } catch (err) {
    return { id: request.id, error: (err as Error).message };
  }
}
