// Builds the renderer's ViperApi from one `call` that carries a request across (IPC in the
// Electron preload, a WebSocket in browser mode), so both bridges expose exactly the same named
// methods. Every call's message is checked by parseRequest before it leaves.
import { parseRequest, type DeviceEvent, type Method, type ParamsOf, type ViperApi } from './api';

export type ResultOf<M extends Method> = Awaited<ReturnType<ViperApi[M]>>;

/** Sends one checked request and resolves with the main side's result (or rejects with its error). */
export type Transport = (request: { id: number; method: Method; params: unknown }) => Promise<unknown>;

/** Every method name, in the order the API lists them; a type check keeps it complete. */
export const API_METHODS = [
  'listBoards', 'run', 'stop', 'exec', 'reset', 'sendInput',
  'listPorts', 'setPortBoard', 'listKnownBoards',
  'listExamples', 'cloneExample',
  'createProject', 'openProject', 'recentProjects', 'readFile', 'saveFile',
  'stashBuffer', 'recoverBuffers', 'discardBuffer', 'deleteFile', 'renameFile',
  'burnVm', 'cancelBurn',
] as const satisfies readonly Method[];
type Missing = Exclude<Method, (typeof API_METHODS)[number]>;
const complete: Missing extends never ? true : Missing = true;
void complete;

export function createApiClient(send: Transport, onEvent: ViperApi['onEvent']): ViperApi {
  let nextId = 1;
  async function call<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const request = parseRequest({ id: nextId++, method, params });
    return await send(request) as ResultOf<M>;
  }
  async function callVoid<M extends Method>(method: M, params: ParamsOf<M>): Promise<void> {
    await call(method, params);
  }
  return {
    listBoards: () => call('listBoards', {}),
    run: params => call('run', params),
    stop: params => callVoid('stop', params),
    exec: params => call('exec', params),
    reset: params => callVoid('reset', params),
    sendInput: params => callVoid('sendInput', params),
    listPorts: () => call('listPorts', {}),
    setPortBoard: params => callVoid('setPortBoard', params),
    listKnownBoards: () => call('listKnownBoards', {}),
    listExamples: params => call('listExamples', params),
    cloneExample: params => call('cloneExample', params),
    createProject: params => call('createProject', params),
    openProject: params => call('openProject', params),
    recentProjects: () => call('recentProjects', {}),
    readFile: params => call('readFile', params),
    saveFile: params => callVoid('saveFile', params),
    stashBuffer: params => callVoid('stashBuffer', params),
    recoverBuffers: params => call('recoverBuffers', params),
    discardBuffer: params => callVoid('discardBuffer', params),
    deleteFile: params => callVoid('deleteFile', params),
    renameFile: params => callVoid('renameFile', params),
    burnVm: params => call('burnVm', params),
    cancelBurn: params => callVoid('cancelBurn', params),
    onEvent(listener: (event: DeviceEvent) => void) {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      return onEvent(listener);
    },
  };
}
