// The tab row above the editor: one tab per file of the project (main.py first), a dot on the
// tabs with unsaved edits, and "+" for a new module. It only draws; the caller decides.
export interface FileTabs {
  render(files: readonly string[], shown: string, dirty: ReadonlySet<string>): void;
}

export interface FileTabsOptions {
  container: HTMLElement;
  onSelect(file: string): void;
  onNew(): void;
}

export function createFileTabs({ container, onSelect, onNew }: FileTabsOptions): FileTabs {
  container.setAttribute('role', 'tablist');
  container.addEventListener('click', event => {
    const tab = (event.target as HTMLElement).closest<HTMLElement>('[data-file]');
    if (tab?.dataset.file) onSelect(tab.dataset.file);
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
        tab.title = dirty.has(file) ? `${file} (unsaved edits)` : file;
        const mark = document.createElement('span');
        mark.className = 'file-dirty';
        mark.textContent = dirty.has(file) ? ' ●' : '';
        tab.append(file, mark);
        return tab;
      });
      container.replaceChildren(...tabs, plus);
    },
  };
}
