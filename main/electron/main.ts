// The desktop shell: one window showing the bundled renderer, and the IPC handler that passes
// its requests to the Viper service. The renderer is sandboxed and isolated; it may not
// navigate, open windows or ask for permissions, and only our own page may call the API.
import { app, BrowserWindow, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DeviceEvent } from '../common/api';
import { dispatch } from '../services/dispatch';
import { createViperService } from '../services/viperService';

const REQUEST_CHANNEL = 'viper:request';
const EVENT_CHANNEL = 'viper:event';

// Bundled to build/main/electron.js; the renderer bundle is build/renderer/.
const PAGE_FILE = join(__dirname, '..', 'renderer', 'index.html');
const PAGE_URL = pathToFileURL(PAGE_FILE).href;
const PRELOAD_FILE = join(__dirname, 'preload.js');

let window: BrowserWindow | null = null;

function isOurPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return window !== null && event.sender === window.webContents && frame !== null
    && frame === window.webContents.mainFrame && frame.url.split(/[?#]/)[0] === PAGE_URL;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 640,
    minHeight: 420,
    title: 'Viper',
    backgroundColor: '#14171d',
    show: false,
    webPreferences: {
      preload: PRELOAD_FILE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => {
    win.show();
    process.stdout.write('viper: window shown\n');    // `npm start` (scripts/start.mjs) waits for this line
  });
  void win.loadFile(PAGE_FILE);
  return win;
}

function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', event => event.preventDefault());
    contents.on('will-redirect', event => event.preventDefault());
    contents.on('will-attach-webview', event => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

async function start(): Promise<void> {
  lockDownWebContents();
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const api = createViperService();
  ipcMain.handle(REQUEST_CHANNEL, (event, raw: unknown) => {
    if (!isOurPage(event)) return { id: null, error: 'rejected message: not from the Viper window' };
    return dispatch(api, raw);
  });
  api.onEvent((deviceEvent: DeviceEvent) => {
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, deviceEvent);
  });

  const openWindow = () => {
    window = createWindow();
    window.on('closed', () => { window = null; });
  };
  openWindow();
  app.on('activate', () => { if (!window) openWindow(); });   // macOS: the dock icon reopens it
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let disposed = false;
  app.on('will-quit', event => {
    if (disposed) return;
    event.preventDefault();            // let the Virtual board shut down before we exit
    disposed = true;
    void api.dispose().finally(() => app.quit());
  });
}

start().catch(err => {
  console.error(`viper: ${(err as Error).message}`);
  app.exit(1);
});
