// Messages from the renderer are untrusted: anything malformed gets an error answer, never a call.
import { dispatch, type MainApi } from './dispatch';

function recordingApi() {
  const calls: string[] = [];
  const api: MainApi = {
    async listBoards() { calls.push('listBoards'); return [{ id: 'virtual', name: 'Virtual board', kind: 'virtual' }]; },
    async run(p) { calls.push(`run ${p.boardId} ${p.file}`); return { ok: true }; },
    async stop(p) { calls.push(`stop ${p.boardId}`); },
  };
  return { api, calls };
}

describe('dispatch', () => {
  it('calls the method a valid message names', async () => {
    const { api, calls } = recordingApi();
    expect(await dispatch(api, { id: 1, method: 'run', params: { boardId: 'virtual', file: 'main.py', source: 'print(1)' } }))
      .toEqual({ id: 1, result: { ok: true } });
    expect(await dispatch(api, { id: 2, method: 'listBoards' })).toMatchObject({ id: 2, result: [{ id: 'virtual' }] });
    expect(calls).toEqual(['run virtual main.py', 'listBoards']);
  });

  it.each([
    ['not an object', 'hello', /must be an object/],
    ['null', null, /must be an object/],
    ['an array', [1, 2], /must be an object/],
    ['no id', { method: 'listBoards' }, /"id"/],
    ['a fractional id', { id: 1.5, method: 'listBoards' }, /"id"/],
    ['an unknown method', { id: 3, method: 'formatDisk' }, /unknown method "formatDisk"/],
    ['a prototype method', { id: 3, method: 'constructor' }, /unknown method/],
    ['a missing parameter', { id: 4, method: 'run', params: { boardId: 'virtual', file: 'main.py' } }, /"source" must be a string/],
    ['a wrongly typed parameter', { id: 5, method: 'stop', params: { boardId: 7 } }, /"boardId" must be a string/],
    ['an extra parameter', { id: 6, method: 'stop', params: { boardId: 'virtual', force: true } }, /unexpected parameter "force"/],
    ['params that are not an object', { id: 7, method: 'stop', params: 'virtual' }, /"params" must be an object/],
    ['an oversized source', { id: 8, method: 'run', params: { boardId: 'v', file: 'm.py', source: 'x'.repeat((1 << 20) + 1) } }, /longer than/],
  ])('rejects %s', async (_what, message, error) => {
    const { api, calls } = recordingApi();
    const answer = await dispatch(api, message);
    expect('error' in answer && answer.error).toMatch(error);
    expect(calls).toEqual([]);
  });

  it('answers with the error when the service throws', async () => {
    const { api } = recordingApi();
    api.stop = async () => { throw new Error('no such board'); };
    expect(await dispatch(api, { id: 9, method: 'stop', params: { boardId: 'x' } })).toEqual({ id: 9, error: 'no such board' });
  });
});
