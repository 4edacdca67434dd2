// The desktop shell: one window showing the bundled renderer from app://viper, and the IPC handler
// that passes its requests to the Viper service. The renderer is sandboxed and isolated; it may not
// navigate, open windows or ask for more than the clipboard, and only our own page may call the API.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DeviceEvent } from '../common/api';
import { setHostVmPath } from '../devices/virtualBoard';
import { dispatch } from '../services/dispatch';
import { createViperService } from '../services/viperService';
import { APP_PAGE_URL, APP_SCHEME, appFileFor, isAppPage, permissionAllowed, settleWithin } from './appOrigin';
import { appPaths } from './appPaths';

const REQUEST_CHANNEL = 'viper:request';
const EVENT_CHANNEL = 'viper:event';
const QUIT_WAIT_MS = 3000;    // a board that does not answer its close must not keep the app alive

// Registered before 'ready': a standard, secure scheme gets an origin of its own and fetch.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const paths = appPaths({
  packaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  userData: app.getPath('userData'),
  appRoot: app.getAppPath(),
});
let window: BrowserWindow | null = null;

function isOurPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return window !== null && event.sender === window.webContents && frame !== null
    && frame === window.webContents.mainFrame && isAppPage(frame.url);
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
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => {
    win.show();
    process.stdout.write('viper: window shown\n');    // `npm start` (scripts/start.mjs) waits for this line
  });
  void win.loadURL(APP_PAGE_URL);
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
  // A second launch hands over to the first, which comes to the front.
  if (!app.requestSingleInstanceLock()) return app.quit();
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  lockDownWebContents();
  await app.whenReady();
  if (app.isPackaged) Menu.setApplicationMenu(null);     // no View › Toggle Developer Tools
  protocol.handle(APP_SCHEME, request => {
    const file = appFileFor(request.url, paths.rendererDir);
    return file ? net.fetch(pathToFileURL(file).href) : new Response('not found', { status: 404 });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin));

  setHostVmPath(paths.hostVm);
  const api = createViperService({
    examplesDir: paths.examplesDir,
    firmwareDirs: paths.firmwareDirs,
    projectsDir: join(app.getPath('documents'), 'Viper'),
    settingsDir: app.getPath('userData'),
    // "Open folder…": the person picks it in our own dialog, so the main side knows it was them.
    pickFolder: async () => {
      const options: Electron.OpenDialogOptions = { title: 'Open a Viper project', properties: ['openDirectory'] };
      const picked = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
      return picked.canceled ? undefined : picked.filePaths[0];
    },
  });
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
    event.preventDefault();            // let the boards' sessions close, for a bounded time
    disposed = true;
    void settleWithin(api.dispose(), QUIT_WAIT_MS).then(() => app.quit());
  });
}

start().catch(err => {
  console.error(`viper: ${(err as Error).message}`);
  app.exit(1);
});
