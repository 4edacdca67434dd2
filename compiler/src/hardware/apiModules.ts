// Every module the editor describes, in the order docs/api.md gives them: the hardware
// (machineApi.ts) and the threads and time (threadsApi.ts). `builtins` is the threads' built-ins
// (thread() and the PRIO_ levels): named without an import, so it is not offered to import.
import { BOARD_MODULE, MACHINE, type ApiClass, type ApiModule } from './machineApi';
import { THREADS_MODULES } from './threadsApi';

export const API_MODULES: readonly ApiModule[] = [MACHINE, BOARD_MODULE, ...THREADS_MODULES];

/** The modules a program imports by name. */
export const IMPORTABLE_MODULES: readonly ApiModule[] = API_MODULES.filter(m => m.name !== 'builtins');

export function apiModule(name: string): ApiModule | undefined {
  return API_MODULES.find(m => m.name === name);
}

/** The module whose table lists `cls` ('machine' for Pin); undefined for a class only a call returns. */
export function moduleOfClass(cls: ApiClass): ApiModule | undefined {
  return API_MODULES.find(m => m.classes.includes(cls));
}
