// The renderer's API in browser mode: the same calls as the Electron preload, carried as the
// wire messages of main/common/api.ts over one WebSocket to the browser-mode server.
import type { DeviceEvent, Response, ServerMessage, ViperApi } from '../../../main/common/api';
import { createApiClient, type Transport } from '../../../main/common/apiClient';

interface Pending { resolve(value: unknown): void; reject(error: Error): void }

export function createWebSocketApi(url: string, onConnectionLost: (reason: string) => void): ViperApi {
  const socket = new WebSocket(url);
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: DeviceEvent) => void>();
  const unsent: string[] = [];          // requests made before the socket opened
  let lostReason: string | null = null;
  let leaving = false;                  // the page itself is going away: no need to complain
  window.addEventListener('pagehide', () => { leaving = true; });

  socket.addEventListener('open', () => {
    for (const message of unsent.splice(0)) socket.send(message);
  });

  socket.addEventListener('message', ({ data }) => {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(data)) as ServerMessage;
    } catch {
      console.warn('viper: ignored a message that is not JSON');
      return;
    }
    if ('event' in message) {
      for (const listener of listeners) listener(message.event);
      return;
    }
    settle(message);
  });

  socket.addEventListener('close', ({ code }) => {
    lostReason = code === 1006 ? 'the connection to Viper was refused or lost' : `the connection to Viper closed (code ${code})`;
    for (const { reject } of pending.values()) reject(new Error(lostReason));
    pending.clear();
    if (!leaving) onConnectionLost(lostReason);
  });

  function settle(response: Response): void {
    const call = response.id === null ? undefined : pending.get(response.id);
    if (!call) {
      console.warn('viper: unmatched response', response);
      return;
    }
    pending.delete(response.id as number);
    if ('error' in response) call.reject(new Error(response.error));
    else call.resolve(response.result);
  }

  const send: Transport = request => {
    if (lostReason) return Promise.reject(new Error(lostReason));
    const message = JSON.stringify(request);
    return new Promise((resolve, reject) => {
      pending.set(request.id, { resolve, reject });
      if (socket.readyState === WebSocket.OPEN) socket.send(message);
      else unsent.push(message);
    });
  };

  return createApiClient(send, listener => {
    listeners.add(listener);
    return () => { listeners.delete(listener); };
  });
}
