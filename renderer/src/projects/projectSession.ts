// The open project: which folder the editor's files belong to, saving them (Save button, Ctrl+S),
// adding modules, keeping every file's unsaved edits in the project (so a crash loses nothing)
// and offering them back when the project opens again. Without a project, Save asks for a name
// and creates one.
import type { ProjectInfo, RecoveredBuffer, ViperApi } from '../../../main/common/api';
import { newModuleFile } from '../../../main/common/moduleFile';
import type { ProgramConsole } from '../console/programConsole';
import type { ProgramEditor } from '../editor/createEditor';
import { ask, button, confirmAction, createModal, el } from './modal';

const MAIN_FILE = 'main.py';
const STASH_DELAY_MS = 500;
const LAST_PROJECT_KEY = 'viper.project';

export interface ProjectSession {
  current(): ProjectInfo | null;
  open(project: ProjectInfo): Promise<void>;
  /** Saves every file with unsaved edits (the file shown when none has). */
  save(): Promise<boolean>;
  /** Asks for a module name and adds that file to the project (making the project first if need be). */
  newModule(): Promise<void>;
  /** Asks, then deletes a module (not main.py) from disk, its autosaved copy and the tabs. */
  deleteModule(file: string): Promise<void>;
  /** Asks for a new name and renames a module on disk, keeping its unsaved text and editor state. */
  renameModule(file: string): Promise<void>;
  /** The files with unsaved edits. */
  dirtyFiles(): ReadonlySet<string>;
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
  /** The set of files with unsaved edits changed. */
  onDirtyChange(): void;
}

export function createProjectSession({ api, editor, out, nameLabel, board, onDirtyChange }: ProjectSessionOptions): ProjectSession {
  let project: ProjectInfo | null = null;
  let loading = false;
  let stashTimer: ReturnType<typeof setTimeout> | undefined;
  const dirty = new Set<string>();

  const setDirty = (file: string, isDirty: boolean) => {
    if (isDirty === dirty.has(file)) return;
    if (isDirty) dirty.add(file); else dirty.delete(file);
    nameLabel.dataset.dirty = String(dirty.size > 0);
    onDirtyChange();
  };
  const clearDirty = () => { for (const file of [...dirty]) setDirty(file, false); nameLabel.dataset.dirty = 'false'; };

  function show(): void {
    nameLabel.textContent = project?.name ?? '';
    nameLabel.title = project ? `${project.dir} (board: ${project.board})` : 'No project: Save makes one';
    document.title = project ? `${project.name} — Viper` : 'Viper';
  }

  /** The latest unsent text of each edited file, written after a typing pause. */
  const pendingStash = new Map<string, string>();
  /** Stashes on their way to disk: a rename or delete waits for them, so none lands after it. */
  const stashesSent = new Map<string, Promise<void>>();
  const stashLanded = (file: string) => stashesSent.get(file) ?? Promise.resolve();
  const dropPendingStash = () => { clearTimeout(stashTimer); pendingStash.clear(); };
  const flushStash = () => {
    clearTimeout(stashTimer);
    if (!project) return;
    const { dir } = project;
    for (const [file, text] of pendingStash) {
      const sent = api.stashBuffer({ dir, file, text }).catch(err => out.error(`Could not keep your unsaved edits to ${file}: ${(err as Error).message}`));
      stashesSent.set(file, sent);
    }
    pendingStash.clear();
  };
  /** Takes a file's unwritten stash out of the queue; restore() puts it back under a name. */
  const takePending = (file: string) => {
    const text = pendingStash.get(file);
    pendingStash.delete(file);
    return {
      restore(name: string) {
        if (text === undefined) return;
        pendingStash.set(name, text);
        clearTimeout(stashTimer);
        stashTimer = setTimeout(flushStash, STASH_DELAY_MS);
      },
    };
  };
  editor.onChange((text, file) => {
    if (loading || !project) return;
    setDirty(file, true);
    pendingStash.set(file, text);
    clearTimeout(stashTimer);
    stashTimer = setTimeout(flushStash, STASH_DELAY_MS);
  });
  window.addEventListener('pagehide', flushStash);   // the last keystrokes before a reload or close

  document.addEventListener('keydown', event => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();               // not the browser's "save page"
      void session.save();
    }
  }, true);

  async function load(next: ProjectInfo, files: { file: string; text: string }[]): Promise<void> {
    dropPendingStash();
    loading = true;
    try { editor.load(files); } finally { loading = false; }
    project = next;
    clearDirty();
    try { localStorage.setItem(LAST_PROJECT_KEY, next.dir); } catch { /* not essential */ }
    show();
  }

  async function saveFiles(dir: string, files: string[]): Promise<string[]> {
    const saved: string[] = [];
    for (const file of files) {
      const text = editor.source(file);
      await api.saveFile({ dir, file, text }).catch(err => { throw new Error(`${file}: ${(err as Error).message}`); });
      if (editor.source(file) === text) setDirty(file, false);   // an edit during the save stays unsaved
      saved.push(file);
    }
    return saved;
  }

  const session: ProjectSession = {
    current: () => project,
    dirtyFiles: () => dirty,

    async open(next) {
      const onDisk = next.files.filter(f => f.endsWith('.py'));
      if (!onDisk.includes(MAIN_FILE)) onDisk.unshift(MAIN_FILE);   // reading it says what is wrong
      const texts = new Map<string, string>();
      for (const file of onDisk) texts.set(file, await api.readFile({ dir: next.dir, file }));
      const recovered = (await api.recoverBuffers({ dir: next.dir }).catch(() => [])).filter(b => b.file.endsWith('.py'));
      const restore = recovered.length ? await offerRestore(next, recovered) : false;
      if (restore) for (const b of recovered) texts.set(b.file, b.text);
      await load(next, [...texts].map(([file, text]) => ({ file, text })));
      if (restore) for (const b of recovered) setDirty(b.file, true);
      else for (const b of recovered) await api.discardBuffer({ dir: next.dir, file: b.file }).catch(() => undefined);
      const restored = restore ? `: unsaved edits to ${recovered.map(b => b.file).join(', ')} restored` : '';
      out.note(`── project ${next.name} (${next.dir})${restored} ──`);
    },

    async save() {
      dropPendingStash();
      if (!project) return saveAsNewProject();
      const files = editor.files().filter(f => dirty.has(f));
      try {
        const saved = await saveFiles(project.dir, files.length ? files : [editor.currentFile()]);
        out.note(`── saved ${saved.join(', ')} in ${project.name} ──`);
        return true;
      } catch (err) {
        out.error(`Could not save: ${(err as Error).message}`);
        return false;
      }
    },

    async newModule() {
      if (!project && !(await session.save())) return;   // a module belongs to a project
      const dir = project!.dir;
      await ask({
        title: 'New module', label: 'Module name (main.py imports it by this name)', initial: '', okText: 'Create', testId: 'new-module',
        async submit(name) {
          const file = newModuleFile(name, editor.files());
          await api.saveFile({ dir, file, text: '' });
          editor.addFile(file, '');
          editor.reveal(1, 1);
          out.note(`── added ${file}: use it with "import ${file.slice(0, -3)}" ──`);
        },
      });
    },

    async deleteModule(file) {
      if (!project || file === MAIN_FILE || !editor.has(file)) return;
      const { dir, name } = project;
      const unsaved = dirty.has(file) ? ' Its unsaved edits are lost too.' : '';
      const yes = await confirmAction({
        title: `Delete ${file}?`, text: `${file} is deleted from ${name} on disk.${unsaved} Anything that imports it stops working.`,
        okText: 'Delete', testId: 'delete-module',
      });
      if (!yes || project?.dir !== dir) return;
      // Taken out first, so a stash timer firing meanwhile cannot bring the file's edits back.
      const pending = takePending(file);
      await stashLanded(file);
      await api.deleteFile({ dir, file }).catch(err => { pending.restore(file); throw err; });
      setDirty(file, false);
      editor.removeFile(file);
      out.note(`── deleted ${file} from ${name} ──`);
    },

    async renameModule(file) {
      if (!project || file === MAIN_FILE || !editor.has(file)) return;
      const { dir, name } = project;
      await ask({
        title: `Rename ${file}`, label: 'New module name (imports must use it)', initial: file.slice(0, -3), okText: 'Rename', testId: 'rename-module',
        async submit(typed) {
          const to = newModuleFile(typed, editor.files().filter(f => f !== file));
          if (to === file) return;
          // Unsaved edits follow the file: the stash not yet written goes out under the new name.
          const pending = takePending(file);
          await stashLanded(file);
          await api.renameFile({ dir, file, to }).catch(err => { pending.restore(file); throw err; });
          editor.renameFile(file, to);
          pending.restore(to);
          if (dirty.has(file)) { dirty.delete(file); setDirty(to, true); }
          out.note(`── renamed ${file} to ${to} in ${name}: change "import ${file.slice(0, -3)}" to "import ${to.slice(0, -3)}" ──`);
        },
      });
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

  function saveAsNewProject(): Promise<boolean> {
    return ask({
      title: 'Save as a new project', label: 'Project name', initial: 'My project', okText: 'Create project', testId: 'new-project',
      async submit(name) {
        const created = await api.createProject({ name, board: board() });
        const files = editor.files().map(file => ({ file, text: editor.source(file) }));
        for (const { file, text } of files) await api.saveFile({ dir: created.dir, file, text });
        await load(created, files);
        out.note(`── saved ${files.map(f => f.file).join(', ')} in the new project ${created.name} (${created.dir}) ──`);
      },
    });
  }

  show();
  return session;
}

/** Asks whether to bring back edits autosaved before a crash; resolves true to restore them. */
function offerRestore(project: ProjectInfo, buffers: RecoveredBuffer[]): Promise<boolean> {
  return new Promise(resolve => {
    let answer = false;
    const modal = createModal('Restore unsaved edits?', 'restore', () => { modal.dialog.remove(); resolve(answer); });
    for (const buffer of buffers) {
      const when = new Date(buffer.savedAt).toLocaleString();
      const preview = el('pre', { className: 'restore-preview', testId: 'restore-preview', text: buffer.text.slice(0, 2000) });
      preview.dataset.file = buffer.file;
      modal.body.append(
        el('p', { text: `${project.name}/${buffer.file} has edits from ${when} that were never saved — perhaps Viper or the computer stopped.` }),
        preview,
      );
    }
    modal.footer.append(
      button(buffers.length > 1 ? 'Use the saved files' : 'Use the saved file', 'restore-discard', () => { answer = false; modal.close(); }),
      button('Restore my edits', 'restore-keep', () => { answer = true; modal.close(); }, 'primary'),
    );
    modal.open();
  });
}
