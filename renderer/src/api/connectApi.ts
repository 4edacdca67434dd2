// Picks the API the renderer talks to: the Electron preload's `window.viper` when present,
// otherwise the browser-mode WebSocket, authorised by the token in this page's address.
import type { ViperApi } from '../../../main/common/api';
import { createWebSocketApi } from './wsClient';

declare global {
  interface Window { viper?: ViperApi }
}

export function connectApi(onConnectionLost: (reason: string) => void): ViperApi {
  if (window.viper) return window.viper;
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketApi(`${scheme}//${location.host}/ws?token=${encodeURIComponent(token)}`, onConnectionLost);
}
