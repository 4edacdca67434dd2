// The debugger's pane beside the editor: its buttons (continue, step over/into/out, pause, stop),
// where the program stopped, the call stack (threads; a click shows a frame), the variables of
// the selected frame (scopes expandable, big containers in pages) and the watch expressions,
// re-evaluated at each stop. It only draws and asks the session; installDebugger wires it.
import type { DebugProtocol as DP } from '@vscode/debugprotocol';
import { button, el } from '../projects/modal';
import { VARIABLES_PAGE, type DebugPhase, type DebugSession, type StopView } from './debugSession';

const WATCHES_KEY = 'viper.watches';
const EXCEPTION_KEYS = { uncaught: 'viper.breakOnUncaught', raised: 'viper.breakOnRaised' } as const;

export interface DebugPanel {
  showPhase(phase: DebugPhase): void;
  showStop(view: StopView | null): void;
  exceptionFilters(): string[];
  onExceptionFiltersChange(listener: () => void): void;
}

export interface DebugPanelActions {
  continue(): void;
  next(): void;
  stepIn(): void;
  stepOut(): void;
  pause(): void;
  stop(): void;
}

function stored(key: string, fallback: string): string {
  try { return localStorage.getItem(key) ?? fallback; } catch { return fallback; }
}
function store(key: string, value: string): void {
  try { localStorage.setItem(key, value); } catch { /* not essential */ }
}

export function createDebugPanel(pane: HTMLElement, session: DebugSession, actions: DebugPanelActions): DebugPanel {
  const controls = {
    continue: button('▶', 'debug-continue', actions.continue, 'small'),
    next: button('⤼', 'debug-step-over', actions.next, 'small'),
    stepIn: button('⤓', 'debug-step-in', actions.stepIn, 'small'),
    stepOut: button('⤒', 'debug-step-out', actions.stepOut, 'small'),
    pause: button('❚❚', 'debug-pause', actions.pause, 'small'),
    stop: button('■', 'debug-stop', actions.stop, 'small'),
  };
  controls.continue.title = 'Continue (F5)';
  controls.next.title = 'Step over (F10)';
  controls.stepIn.title = 'Step into (F11)';
  controls.stepOut.title = 'Step out (Shift+F11)';
  controls.pause.title = 'Pause the program where it is';
  controls.stop.title = 'Stop the program (Shift+F5)';
  const status = el('div', { className: 'debug-status', testId: 'debug-status' });
  status.setAttribute('role', 'status');
  const stackList = el('div', { className: 'debug-list', testId: 'call-stack' });
  const variablesTree = el('div', { className: 'debug-list', testId: 'debug-variables' });
  const watchList = el('div', { className: 'debug-list', testId: 'debug-watches' });
  const watchInput = el('input', { className: 'debug-watch-input', testId: 'watch-input' });
  watchInput.placeholder = 'Add a watch: a Python expression';
  watchInput.spellcheck = false;
  const exceptionBoxes = (['uncaught', 'raised'] as const).map(kind => {
    const box = el('input', { testId: `break-${kind}` });
    box.type = 'checkbox';
    box.checked = stored(EXCEPTION_KEYS[kind], kind === 'uncaught' ? 'true' : 'false') === 'true';
    box.addEventListener('change', () => { store(EXCEPTION_KEYS[kind], String(box.checked)); filterListeners.forEach(l => l()); });
    const text = kind === 'uncaught' ? 'Break on uncaught exceptions' : 'Break on every raised exception';
    return { kind, box, label: el('label', { className: 'debug-option' }, box, text) };
  });
  const filterListeners: (() => void)[] = [];
  const section = (title: string, ...body: Node[]) => el('section', { className: 'debug-section' }, el('h3', { text: title }), ...body);
  pane.replaceChildren(
    el('div', { className: 'pane-title' }, el('span', { text: 'Debugger' }), el('span', { className: 'debug-controls' }, ...Object.values(controls))),
    el('div', { className: 'debug-body' },
      status,
      section('Call stack', stackList),
      section('Variables', variablesTree),
      section('Watch', watchList, watchInput),
      section('Exceptions', ...exceptionBoxes.map(b => b.label))),
  );

  const watches = storedWatches();
  let shownView: StopView | null = null;
  const saveWatches = () => store(WATCHES_KEY, JSON.stringify(watches));

  watchInput.addEventListener('keydown', event => {
    if (event.key !== 'Enter' || !watchInput.value.trim()) return;
    watches.push(watchInput.value.trim());
    watchInput.value = '';
    saveWatches();
    void drawWatches();
  });

  function showPhase(phase: DebugPhase): void {
    pane.dataset.phase = phase;
    const stopped = phase === 'stopped';
    for (const b of [controls.continue, controls.next, controls.stepIn, controls.stepOut]) b.disabled = !stopped;
    controls.pause.disabled = phase !== 'running';
    controls.stop.disabled = phase === 'idle';
    if (phase === 'running') status.textContent = 'running';
    if (phase === 'starting') status.textContent = 'starting…';
    if (phase === 'idle') status.textContent = 'not debugging: press Debug (F5)';
  }

  function drawStack(view: StopView): void {
    const rows: HTMLElement[] = [];
    for (const thread of view.threads) {
      if (view.threads.length > 1) rows.push(el('div', { className: 'debug-thread', text: `${thread.name}${thread.id === view.threadId ? ' (stopped here)' : ''}` }));
      const stack = view.stacks.get(thread.id);
      if (!stack) {
        const more = button('show its stack', 'thread-stack', () => void session.stackOf(thread.id).then(s => { view.stacks.set(thread.id, s); drawStack(view); }), 'small');
        rows.push(el('div', { className: 'debug-row' }, more));
        continue;
      }
      for (const frame of stack) {
        const row = el('div', { className: 'debug-row debug-frame', testId: 'stack-frame' },
          el('span', { className: 'debug-name', text: frame.name }),
          el('span', { className: 'debug-where', text: `${frame.source?.name ?? '?'}:${frame.line}` }));
        row.dataset.selected = String(frame.id === view.frame?.id);
        row.addEventListener('click', () => void session.selectFrame(thread.id, frame.id));
        rows.push(row);
      }
    }
    stackList.replaceChildren(...rows);
  }

  /** One variable: name = value, with a toggle that fetches its children when it has any. */
  function variableRow(v: { name: string; value?: string; type?: string; variablesReference: number; indexedVariables?: number }, depth: number): HTMLElement {
    const row = el('div', { className: 'debug-row debug-variable', testId: 'variable' });
    row.dataset.name = v.name;
    row.style.paddingLeft = `${6 + depth * 12}px`;
    const toggle = el('span', { className: 'debug-toggle', text: v.variablesReference > 0 ? '▸' : '' });
    row.append(toggle, el('span', { className: 'debug-name', text: v.name }));
    if (v.value !== undefined) {                      // a scope has none
      const value = el('span', { className: 'debug-value', testId: 'variable-value', text: v.value });
      if (v.type) value.title = v.type;
      row.append(' = ', value);
    }
    const wrap = el('div', {}, row);
    if (v.variablesReference > 0) {
      let open = false;
      const children = el('div', {});
      wrap.append(children);
      row.addEventListener('click', () => {
        open = !open;
        toggle.textContent = open ? '▾' : '▸';
        if (!open) { children.replaceChildren(); return; }
        const paged = v.indexedVariables !== undefined && v.indexedVariables > VARIABLES_PAGE;
        void fillChildren(children, v.variablesReference, depth + 1, paged ? { start: 0, total: v.indexedVariables! } : undefined);
      });
    }
    return wrap;
  }

  /** A container's items, a page at a time when it is big. */
  async function fillChildren(into: HTMLElement, reference: number, depth: number, page?: { start: number; total: number }): Promise<void> {
    try {
      const vars = await session.variables(reference, page?.start);
      into.append(...vars.map(child => variableRow(child, depth)));
      const next = page && page.start + VARIABLES_PAGE;
      if (page && next! < page.total) {
        const more = button(`${next}–${Math.min(next! + VARIABLES_PAGE, page.total) - 1} of ${page.total}…`, 'variables-more',
          () => { more.remove(); void fillChildren(into, reference, depth, { start: next!, total: page.total }); }, 'small');
        into.append(more);
      }
    } catch (err) {
      into.append(el('div', { className: 'debug-row debug-error', text: (err as Error).message }));
    }
  }

  function drawVariables(view: StopView): void {
    const sections = view.scopes.map((scope: DP.Scope, i) => {
      const head = variableRow({ name: scope.name, variablesReference: scope.variablesReference }, 0);
      head.firstElementChild!.classList.add('debug-scope');
      head.dataset.scope = scope.name;
      if (i === 0) (head.firstElementChild as HTMLElement).click();   // the innermost scope open, the others on request
      return head;
    });
    variablesTree.replaceChildren(...sections);
  }

  async function drawWatches(): Promise<void> {
    const view = shownView;
    const rows = await Promise.all(watches.map(async (expression, index) => {
      const value = el('span', { className: 'debug-value', testId: 'watch-value' });
      if (!view) value.textContent = '';
      else {
        try {
          value.textContent = (await session.evaluate(expression, 'watch')).result;
        } catch (err) {
          value.textContent = (err as Error).message;
          value.classList.add('debug-error');
        }
      }
      const name = el('span', { className: 'debug-name', text: expression });
      name.title = 'Double-click to edit';
      const remove = button('×', 'watch-remove', () => { watches.splice(index, 1); saveWatches(); void drawWatches(); }, 'small debug-remove');
      remove.title = `Remove the watch ${expression}`;
      const row = el('div', { className: 'debug-row debug-watch', testId: 'watch' }, name, ' = ', value, remove);
      row.dataset.expression = expression;
      editInline(name, expression, edited => {
        if (edited) watches[index] = edited; else watches.splice(index, 1);
        saveWatches();
        void drawWatches();
      });
      return row;
    }));
    if (view === shownView) watchList.replaceChildren(...rows);
  }

  showPhase('idle');
  void drawWatches();

  return {
    showPhase,
    showStop(view) {
      shownView = view;
      if (!view) {
        stackList.replaceChildren();
        variablesTree.replaceChildren();
        void drawWatches();
        return;
      }
      const at = (frame: DP.StackFrame | undefined) => (frame ? `${frame.source?.name ?? '?'}:${frame.line}` : '');
      const top = view.stacks.get(view.threadId)?.[0];
      const where = top ? ` at ${at(top)}` : '';
      const viewing = view.frame && view.frame !== top ? ` · showing ${view.frame.name} at ${at(view.frame)}` : '';
      status.textContent = (view.reason === 'exception' ? `stopped on an exception${where}: ${view.text ?? ''}` : `paused (${view.reason})${where}`) + viewing;
      status.dataset.reason = view.reason;
      drawStack(view);
      drawVariables(view);
      void drawWatches();
    },
    exceptionFilters: () => exceptionBoxes.filter(b => b.box.checked).map(b => b.kind),
    onExceptionFiltersChange: listener => { filterListeners.push(listener); },
  };
}

/** The watches kept from the last session; anything else in their place is dropped. */
function storedWatches(): string[] {
  try {
    const list: unknown = JSON.parse(stored(WATCHES_KEY, '[]'));
    return Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string' && w.trim() !== '') : [];
  } catch {
    return [];
  }
}

/** Double-click a watch's text to edit it in place: Enter keeps it (empty removes it), Escape gives up. */
function editInline(name: HTMLElement, expression: string, done: (edited: string) => void): void {
  name.addEventListener('dblclick', () => {
    const input = el('input', { className: 'debug-watch-input', testId: 'watch-edit' });
    input.value = expression;
    name.replaceWith(input);
    input.focus();
    input.addEventListener('keydown', event => {
      if (event.key === 'Enter') done(input.value.trim());
      if (event.key === 'Escape') input.replaceWith(name);
    });
  });
}
