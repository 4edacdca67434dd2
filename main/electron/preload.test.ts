// The preload with Electron mocked: what it exposes, that it checks arguments before anything
// crosses to the main process, and how responses and events come back.
import type { DeviceEvent, ViperApi } from '../common/api';

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

test('exposes only window.viper with the API functions', () => {
  expect(Object.keys(exposed)).toEqual(['viper']);
  expect(Object.keys(viper).sort()).toEqual(['listBoards', 'onEvent', 'run', 'stop']);
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
