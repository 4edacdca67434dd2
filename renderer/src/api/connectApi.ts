// Picks the API the renderer talks to: the Electron preload's `window.viper` when present,
// otherwise the browser-mode WebSocket, authorised by the per-run token.
import type { ViperApi } from '../../../main/common/api';
import { createWebSocketApi } from './wsClient';

declare global {
  interface Window { viper?: ViperApi }
}

const TOKEN_KEY = 'viper.token';

/** The browser-mode token: taken from the address Viper printed, then dropped from the address bar
 *  (history, screenshots, copied links) and kept in sessionStorage, so only this tab has it and a
 *  reload (which asks for the page without it) still connects. */
export function takeToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    try { sessionStorage.setItem(TOKEN_KEY, fromUrl); } catch { /* no storage: a reload will need the address again */ }
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try { return sessionStorage.getItem(TOKEN_KEY) ?? ''; } catch { return ''; }
}

export function connectApi(onConnectionLost: (reason: string) => void): ViperApi {
  if (window.viper) return window.viper;
  const token = takeToken();
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWebSocketApi(`${scheme}//${location.host}/ws?token=${encodeURIComponent(token)}`, onConnectionLost);
}
