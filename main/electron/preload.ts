// The bridge between the sandboxed renderer and the main process: `window.viper`, the same
// ViperApi the browser-mode WebSocket client provides (both built by createApiClient). Only these
// named functions cross; each checks its message with parseRequest, so bad arguments fail here
// with the main side's words. Bundled into one file by esbuild: a sandboxed preload cannot
// require anything but electron.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeviceEvent, Response } from '../common/api';
import { createApiClient } from '../common/apiClient';

const REQUEST_CHANNEL = 'viper:request';
const EVENT_CHANNEL = 'viper:event';

const api = createApiClient(
  async request => {
    const response = await ipcRenderer.invoke(REQUEST_CHANNEL, request) as Response;
    if ('error' in response) throw new Error(response.error);
    return response.result;
  },
  listener => {
    const forward = (_event: IpcRendererEvent, deviceEvent: DeviceEvent) => listener(deviceEvent);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => { ipcRenderer.removeListener(EVENT_CHANNEL, forward); };
  },
);

contextBridge.exposeInMainWorld('viper', api);
