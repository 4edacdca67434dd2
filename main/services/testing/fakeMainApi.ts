// A MainApi for tests: every method rejects with "not in this fake" unless the test gives it.
import { API_METHODS } from '../../common/apiClient';
import type { MainApi } from '../dispatch';

export function fakeMainApi<T extends Partial<MainApi>>(methods: T): MainApi & T {
  const api: Record<string, unknown> = {};
  for (const name of API_METHODS) api[name] = async () => { throw new Error(`${name} is not in this fake`); };
  return Object.assign(api, methods) as MainApi & T;
}
