// The bridge between the sandboxed renderer and the main process: `window.viper`, the same
// ViperApi the browser-mode WebSocket client provides. Only these named functions cross; each
// builds its message with parseRequest, so bad arguments fail here with the main side's words.
// Bundled into one file by esbuild: a sandboxed preload cannot require anything but electron.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { parseRequest, type DeviceEvent, type Method, type Response, type ViperApi } from '../common/api';

const REQUEST_CHANNEL = 'viper:request';
const EVENT_CHANNEL = 'viper:event';

let nextId = 1;

async function call<T>(method: Method, params: unknown): Promise<T> {
  const request = parseRequest({ id: nextId++, method, params });
  const response = await ipcRenderer.invoke(REQUEST_CHANNEL, request) as Response;
  if ('error' in response) throw new Error(response.error);
  return response.result as T;
}

const api: ViperApi = {
  listBoards: () => call('listBoards', {}),
  run: params => call('run', params),
  stop: async params => { await call('stop', params); },
  onEvent(listener) {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    const forward = (_event: IpcRendererEvent, deviceEvent: DeviceEvent) => listener(deviceEvent);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => { ipcRenderer.removeListener(EVENT_CHANNEL, forward); };
  },
};

contextBridge.exposeInMainWorld('viper', api);
