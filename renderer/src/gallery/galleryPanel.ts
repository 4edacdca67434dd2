// The example gallery: browse the examples, search them by title or tag, filter by board, and
// "Use this example" to copy one into a new project the person names, opened in the editor.
import type { ExampleInfo, ProjectInfo, ViperApi } from '../../../main/common/api';
import { ask, button, createModal, el } from '../projects/modal';
import './gallery.css';

const SEARCH_DELAY_MS = 150;

export interface GalleryOptions {
  api: ViperApi;
  /** Opens the freshly cloned project in the editor. */
  openProject(project: ProjectInfo): Promise<void>;
}

export interface Gallery { open(): void }

export function createGallery({ api, openProject }: GalleryOptions): Gallery {
  const modal = createModal('Examples', 'gallery');
  modal.dialog.classList.add('gallery');
  const search = el('input', { testId: 'gallery-search' });
  search.type = 'search';
  search.placeholder = 'Search by title or tag';
  search.setAttribute('aria-label', 'Search examples by title or tag');
  const boardFilter = el('select', { testId: 'gallery-board' });
  boardFilter.setAttribute('aria-label', 'Show examples for this board');
  boardFilter.append(new Option('All boards', ''), new Option('Virtual board', 'virtual'));
  const status = el('div', { className: 'gallery-status', testId: 'gallery-status' });
  status.setAttribute('role', 'status');
  const list = el('ul', { className: 'gallery-list', testId: 'gallery-list' });
  modal.body.append(el('div', { className: 'gallery-filters' }, search, boardFilter), status, list);

  let boardsLoaded = false;
  let query = 0;              // answers to older queries are dropped
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function refresh(): Promise<void> {
    const mine = ++query;
    const params: { text?: string; board?: string } = {};
    if (search.value.trim()) params.text = search.value.trim();
    if (boardFilter.value) params.board = boardFilter.value;
    try {
      const examples = await api.listExamples(params);
      if (mine !== query) return;
      list.replaceChildren(...examples.map(card));
      status.textContent = examples.length ? `${examples.length} example${examples.length === 1 ? '' : 's'}` : 'No example matches: try another word or board.';
    } catch (err) {
      if (mine === query) status.textContent = `Could not list the examples: ${(err as Error).message}`;
    }
  }

  function card(example: ExampleInfo): HTMLLIElement {
    const tags = el('div', { className: 'gallery-tags' }, ...example.tags.map(tag => {
      const chip = button(tag, 'example-tag', () => { search.value = tag; void refresh(); }, 'tag small');
      chip.title = `Show examples tagged ${tag}`;
      return chip;
    }));
    const boards = example.boards.includes('any') ? 'any board' : example.boards.join(', ');
    const item = el('li', { className: 'gallery-card', testId: 'example-card' },
      el('div', { className: 'gallery-card-title', text: example.title }),
      el('div', { className: 'gallery-card-description', text: example.description }),
      tags,
      el('div', { className: 'gallery-card-foot' }, el('span', { className: 'gallery-boards', text: `Runs on ${boards}` }),
        button('Use this example', 'use-example', () => void useExample(example), 'primary small')));
    item.dataset.exampleId = example.id;
    return item;
  }

  async function useExample(example: ExampleInfo): Promise<void> {
    await ask({
      title: `Use “${example.title}”`,
      label: 'Name your project (it becomes a new folder with a copy of the example)',
      initial: `My ${example.title}`.replace(/[\\/:*?"<>|]/g, ''),
      okText: 'Create project',
      testId: 'project-name-dialog',
      async submit(name) {
        const project = await api.cloneExample({ id: example.id, name, board: boardFilter.value || 'virtual' });
        modal.close();
        await openProject(project);
      },
    });
  }

  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), SEARCH_DELAY_MS);
  });
  boardFilter.addEventListener('change', () => void refresh());

  return {
    open() {
      modal.open();
      search.focus();
      void refresh();
      if (!boardsLoaded) {
        boardsLoaded = true;
        api.listKnownBoards().then(boards => {
          for (const [id, name] of Object.entries(boards)) boardFilter.append(new Option(name, id));
        }, () => { boardsLoaded = false; });
      }
    },
  };
}
