// Builds the renderer's ViperApi from one `call` that carries a request across (IPC in the
// Electron preload, a WebSocket in browser mode), so both bridges expose exactly the same named
// methods: one function per entry of the method table. Every call's message is checked by
// parseRequest before it leaves.
import type { DeviceEvent, Method, ParamsOf, ViperApi } from './api';
import { API_METHODS, parseRequest } from './apiTable';

export { API_METHODS };

export type ResultOf<M extends Method> = Awaited<ReturnType<ViperApi[M]>>;

/** Sends one checked request and resolves with the main side's result (or rejects with its error). */
export type Transport = (request: { id: number; method: Method; params: unknown }) => Promise<unknown>;

type MethodFunctions = { [M in Method]: (params?: ParamsOf<M>) => Promise<ResultOf<M>> };

export function createApiClient(send: Transport, onEvent: ViperApi['onEvent']): ViperApi {
  let nextId = 1;
  const methods: Partial<Record<Method, (params?: unknown) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    methods[method] = async (params: unknown = {}) => {
      const result = await send(parseRequest({ id: nextId++, method, params }));
      return result ?? undefined;   // the wire's null is "returns nothing"
    };
  }
  return {
    ...(methods as MethodFunctions),
    onEvent(listener: (event: DeviceEvent) => void) {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      return onEvent(listener);
    },
  };
}
