// The open project: which folder the editor's main.py belongs to, saving it (Save button,
// Ctrl+S), keeping unsaved edits in the project (so a crash loses nothing) and offering them back
// when the project opens again. Without a project, Save asks for a name and creates one.
import type { ProjectInfo, RecoveredBuffer, ViperApi } from '../../../main/common/api';
import type { ProgramConsole } from '../console/programConsole';
import type { ProgramEditor } from '../editor/createEditor';
import { ask, button, createModal, el } from './modal';

const MAIN_FILE = 'main.py';
const STASH_DELAY_MS = 500;
const LAST_PROJECT_KEY = 'viper.project';

export interface ProjectSession {
  current(): ProjectInfo | null;
  open(project: ProjectInfo): Promise<void>;
  save(): Promise<boolean>;
  /** Reopens the project that was open when the IDE last closed (or crashed). */
  reopenLast(): Promise<void>;
}

export interface ProjectSessionOptions {
  api: ViperApi;
  editor: ProgramEditor;
  out: ProgramConsole;
  /** Where the project's name shows; data-dirty="true" while there are unsaved edits. */
  nameLabel: HTMLElement;
  /** The board a new project is for. */
  board(): string;
}

export function createProjectSession({ api, editor, out, nameLabel, board }: ProjectSessionOptions): ProjectSession {
  let project: ProjectInfo | null = null;
  let loading = false;
  let stashTimer: ReturnType<typeof setTimeout> | undefined;

  const setDirty = (dirty: boolean) => { nameLabel.dataset.dirty = String(dirty); };

  function show(): void {
    nameLabel.textContent = project?.name ?? '';
    nameLabel.title = project ? `${project.dir} (board: ${project.board})` : 'No project: Save makes one';
    document.title = project ? `${project.name} — Viper` : 'Viper';
  }

  let pendingStash: (() => void) | null = null;
  const flushStash = () => {
    clearTimeout(stashTimer);
    const stash = pendingStash;
    pendingStash = null;
    stash?.();
  };
  editor.onChange(text => {
    if (loading || !project) return;
    setDirty(true);
    const { dir } = project;
    clearTimeout(stashTimer);
    pendingStash = () => {
      api.stashBuffer({ dir, file: MAIN_FILE, text }).catch(err => out.error(`Could not keep your unsaved edits: ${(err as Error).message}`));
    };
    stashTimer = setTimeout(flushStash, STASH_DELAY_MS);
  });
  window.addEventListener('pagehide', flushStash);   // the last keystrokes before a reload or close

  document.addEventListener('keydown', event => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();               // not the browser's "save page"
      void session.save();
    }
  }, true);

  async function load(next: ProjectInfo, text: string): Promise<void> {
    clearTimeout(stashTimer);
    pendingStash = null;
    loading = true;
    try { editor.load(text); } finally { loading = false; }
    project = next;
    try { localStorage.setItem(LAST_PROJECT_KEY, next.dir); } catch { /* not essential */ }
    show();
  }

  const session: ProjectSession = {
    current: () => project,

    async open(next) {
      const diskText = await api.readFile({ dir: next.dir, file: MAIN_FILE });
      const recovered = (await api.recoverBuffers({ dir: next.dir }).catch(() => [])).find(b => b.file === MAIN_FILE);
      const restore = recovered ? await offerRestore(next, recovered) : false;
      await load(next, restore && recovered ? recovered.text : diskText);
      setDirty(restore);
      if (recovered && !restore) await api.discardBuffer({ dir: next.dir, file: MAIN_FILE }).catch(() => undefined);
      out.note(`── project ${next.name} (${next.dir})${restore ? ': unsaved edits restored' : ''} ──`);
    },

    async save() {
      clearTimeout(stashTimer);
      pendingStash = null;
      const text = editor.source();
      if (!project) return saveAsNewProject(text);
      try {
        await api.saveFile({ dir: project.dir, file: MAIN_FILE, text });
        if (editor.source() === text) setDirty(false);
        out.note(`── saved ${MAIN_FILE} in ${project.name} ──`);
        return true;
      } catch (err) {
        out.error(`Could not save ${MAIN_FILE}: ${(err as Error).message}`);
        return false;
      }
    },

    async reopenLast() {
      let dir: string | null = null;
      try { dir = localStorage.getItem(LAST_PROJECT_KEY); } catch { /* no storage */ }
      if (!dir) return;
      try {
        await session.open(await api.openProject({ dir }));
      } catch (err) {
        out.note(`── the last project could not be opened again: ${(err as Error).message} ──`);
        try { localStorage.removeItem(LAST_PROJECT_KEY); } catch { /* not essential */ }
      }
    },
  };

  function saveAsNewProject(text: string): Promise<boolean> {
    return ask({
      title: 'Save as a new project', label: 'Project name', initial: 'My project', okText: 'Create project', testId: 'new-project',
      async submit(name) {
        const created = await api.createProject({ name, board: board() });
        await api.saveFile({ dir: created.dir, file: MAIN_FILE, text });
        await load(created, text);
        setDirty(false);
        out.note(`── saved ${MAIN_FILE} in the new project ${created.name} (${created.dir}) ──`);
      },
    });
  }

  show();
  return session;
}

/** Asks whether to bring back edits autosaved before a crash; resolves true to restore them. */
function offerRestore(project: ProjectInfo, buffer: RecoveredBuffer): Promise<boolean> {
  return new Promise(resolve => {
    let answer = false;
    const modal = createModal('Restore unsaved edits?', 'restore', () => { modal.dialog.remove(); resolve(answer); });
    const when = new Date(buffer.savedAt).toLocaleString();
    modal.body.append(
      el('p', { text: `${project.name}/${buffer.file} has edits from ${when} that were never saved — perhaps Viper or the computer stopped.` }),
      el('pre', { className: 'restore-preview', testId: 'restore-preview', text: buffer.text.slice(0, 2000) }),
    );
    modal.footer.append(
      button('Use the saved file', 'restore-discard', () => { answer = false; modal.close(); }),
      button('Restore my edits', 'restore-keep', () => { answer = true; modal.close(); }, 'primary'),
    );
    modal.open();
  });
}
