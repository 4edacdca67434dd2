// The tab row above the editor: one tab per file of the project (main.py first), a dot on the
// tabs with unsaved edits, "×" to delete a module, double-click or F2 to rename it, and "+" for a
// new module. main.py has neither: the program cannot go. It only draws; the caller decides.
export interface FileTabs {
  render(files: readonly string[], shown: string, dirty: ReadonlySet<string>): void;
}

export interface FileTabsOptions {
  container: HTMLElement;
  onSelect(file: string): void;
  onNew(): void;
  onDelete(file: string): void;
  onRename(file: string): void;
}

const PROGRAM = 'main.py';

export function createFileTabs({ container, onSelect, onNew, onDelete, onRename }: FileTabsOptions): FileTabs {
  container.setAttribute('role', 'tablist');
  const target = (event: Event, testId: string) =>
    (event.target as HTMLElement).closest<HTMLElement>(`[data-testid="${testId}"]`)?.dataset.file;
  container.addEventListener('click', event => {
    const doomed = target(event, 'file-delete');
    if (doomed) { onDelete(doomed); return; }
    const file = target(event, 'file-tab');
    if (file) onSelect(file);
  });
  container.addEventListener('dblclick', event => {
    const file = target(event, 'file-tab');
    if (file && file !== PROGRAM) onRename(file);
  });
  container.addEventListener('keydown', event => {
    const file = target(event, 'file-tab');
    if (event.key === 'F2' && file && file !== PROGRAM) { event.preventDefault(); onRename(file); }
  });
  const plus = document.createElement('button');
  plus.type = 'button';
  plus.className = 'file-new small';
  plus.dataset.testid = 'new-file';
  plus.textContent = '+';
  plus.title = 'New module: a .py file main.py can import';
  plus.addEventListener('click', onNew);

  return {
    render(files, shown, dirty) {
      const tabs = files.map(file => {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.className = 'file-tab';
        tab.dataset.testid = 'file-tab';
        tab.dataset.file = file;
        tab.dataset.dirty = String(dirty.has(file));
        tab.setAttribute('role', 'tab');
        tab.setAttribute('aria-selected', String(file === shown));
        tab.title = (dirty.has(file) ? `${file} (unsaved edits)` : file) + (file === PROGRAM ? '' : ': double-click to rename');
        const mark = document.createElement('span');
        mark.className = 'file-dirty';
        mark.textContent = dirty.has(file) ? ' ●' : '';
        tab.append(file, mark);
        if (file === PROGRAM) return tab;
        // Beside the tab, not inside it: a button cannot hold a button, and the tab's text stays its name.
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'file-delete';
        remove.dataset.testid = 'file-delete';
        remove.dataset.file = file;
        remove.textContent = '×';
        remove.title = `Delete ${file}`;
        remove.setAttribute('aria-label', `Delete ${file}`);
        const pair = document.createElement('span');
        pair.className = 'file-tab-pair';
        pair.dataset.selected = String(file === shown);
        pair.append(tab, remove);
        return pair;
      });
      container.replaceChildren(...tabs, plus);
    },
  };
}
