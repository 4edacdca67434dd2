// The preload with Electron mocked: what it exposes, that it checks arguments before anything
// crosses to the main process, and how responses and events come back.
import type { DeviceEvent, ViperApi } from '../common/api';
import { API_METHODS } from '../common/apiClient';

const exposed: Record<string, unknown> = {};
const invoke = jest.fn();
const eventListeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();

jest.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => { exposed[key] = value; } },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
      if (!eventListeners.has(channel)) eventListeners.set(channel, new Set());
      eventListeners.get(channel)!.add(fn);
    },
    removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) => eventListeners.get(channel)?.delete(fn),
  },
}), { virtual: true });

require('./preload');
const viper = exposed.viper as ViperApi;

beforeEach(() => invoke.mockReset());

test('exposes only window.viper with every API function', () => {
  expect(Object.keys(exposed)).toEqual(['viper']);
  expect(Object.keys(viper).sort()).toEqual([...API_METHODS, 'onEvent'].sort());
  expect(API_METHODS).toEqual(expect.arrayContaining(['listPorts', 'listExamples', 'cloneExample', 'openProject', 'saveFile', 'burnVm', 'cancelBurn']));
});

test.each(API_METHODS.map(m => [m]))('%s crosses as a checked request on the one channel', async method => {
  const params: Record<string, Record<string, unknown>> = {
    run: { boardId: 'virtual', file: 'main.py', source: '' }, stop: { boardId: 'virtual' },
    exec: { boardId: 'virtual', source: '1+1' }, reset: { boardId: 'virtual' }, sendInput: { boardId: 'virtual', text: 'Ada\n' },
    setVirtualBoardRam: { ram: 'desktop' }, boardInput: { boardId: 'virtual', input: { kind: 'pin', pin: 2, level: 1 } },
    debug: { boardId: 'virtual', request: { command: 'pause', arguments: { threadId: 1 } } },
    setPortBoard: { path: '/dev/ttyUSB0', board: 'arduino_due' }, listExamples: { text: 'blink' },
    cloneExample: { id: 'hello', name: 'Mine', board: 'virtual' }, createProject: { name: 'Mine', board: 'virtual' },
    openProject: { dir: '/p' }, readFile: { dir: '/p', file: 'main.py' }, saveFile: { dir: '/p', file: 'main.py', text: '' },
    stashBuffer: { dir: '/p', file: 'main.py', text: '' }, recoverBuffers: { dir: '/p' }, discardBuffer: { dir: '/p', file: 'main.py' },
    deleteFile: { dir: '/p', file: 'helper.py' }, renameFile: { dir: '/p', file: 'helper.py', to: 'sensors.py' },
    burnVm: { board: 'arduino_due', method: 'samba', target: '/dev/ttyACM0' }, cancelBurn: { target: '/dev/ttyACM0' },
  };
  invoke.mockResolvedValue({ id: 0, result: null });
  const fn = viper[method] as (p?: unknown) => Promise<unknown>;
  await fn(params[method] ?? undefined);
  expect(invoke).toHaveBeenCalledWith('viper:request', { id: expect.any(Number), method, params: params[method] ?? {} });
});

test('sends checked requests and returns results', async () => {
  invoke.mockResolvedValue({ id: 1, result: [{ id: 'virtual', name: 'Virtual board', kind: 'virtual' }] });
  await expect(viper.listBoards()).resolves.toHaveLength(1);
  expect(invoke).toHaveBeenCalledWith('viper:request', expect.objectContaining({ method: 'listBoards', params: {} }));
});

test('turns error responses into rejections', async () => {
  invoke.mockResolvedValue({ id: 2, error: 'no board "x"' });
  await expect(viper.stop({ boardId: 'x' })).rejects.toThrow('no board "x"');
});

test('refuses bad arguments without calling the main process', async () => {
  await expect(viper.run({ boardId: 1, file: 'main.py', source: '' } as never)).rejects.toThrow(/boardId/);
  await expect(viper.run({ boardId: 'virtual', file: 'main.py', source: '', extra: 1 } as never)).rejects.toThrow(/unexpected parameter/);
  await expect(viper.saveFile({ dir: '/p', file: 'main.py' } as never)).rejects.toThrow(/"text" must be a string/);
  await expect(viper.burnVm({ board: 'due', method: 'jtag', target: '/dev/x' } as never)).rejects.toThrow(/"method" must be one of/);
  expect(invoke).not.toHaveBeenCalled();
  expect(() => viper.onEvent('not a function' as never)).toThrow(TypeError);
});

test('forwards events until unsubscribed', () => {
  const seen: DeviceEvent[] = [];
  const unsubscribe = viper.onEvent(event => seen.push(event));
  const event: DeviceEvent = { kind: 'output', boardId: 'virtual', text: 'hi\n' };
  for (const fn of eventListeners.get('viper:event') ?? []) fn({}, event);
  unsubscribe();
  expect(eventListeners.get('viper:event')?.size).toBe(0);
  expect(seen).toEqual([event]);
});
