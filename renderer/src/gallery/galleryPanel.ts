// The example gallery: browse the examples, search them by title or tag, see what each needs
// (level, the board's parts, wiring, what a person sees), list what the selected board can run
// (or all, greyed with the reason), and "Use this example" to copy one into a new project the
// person names, opened in the editor with the board panel shown when it uses the hardware.
import { BOARDS, boardById } from '../../../compiler/src/hardware/boards';
import type { ExampleInfo, ProjectInfo, ViperApi } from '../../../main/common/api';
import { ask, button, createModal, el } from '../projects/modal';
import { boardsWords, usesHardware, usesWords, wiringWords } from './exampleWords';
import './gallery.css';

const SEARCH_DELAY_MS = 150;

export interface GalleryOptions {
  api: ViperApi;
  /** Opens the freshly cloned project in the editor. */
  openProject(project: ProjectInfo): Promise<void>;
  /** The board definition (boards/<id>.json) of the board selected in the device bar, if known:
   *  the gallery lists what it can run until the person picks another. */
  selectedBoard(): string | undefined;
  /** A cloned example that uses the board's hardware is open: show the board panel. */
  showBoardPanel(example: ExampleInfo): void;
}

export interface Gallery { open(): void }

export function createGallery({ api, openProject, selectedBoard, showBoardPanel }: GalleryOptions): Gallery {
  const modal = createModal('Examples', 'gallery');
  modal.dialog.classList.add('gallery');
  const search = el('input', { testId: 'gallery-search' });
  search.type = 'search';
  search.placeholder = 'Search by title or tag';
  search.setAttribute('aria-label', 'Search examples by title or tag');
  const boardFilter = el('select', { testId: 'gallery-board' });
  boardFilter.setAttribute('aria-label', 'Show examples for this board');
  boardFilter.append(new Option('All boards', ''), new Option('Virtual board', 'virtual'));
  const showAll = el('input', { testId: 'gallery-show-all' });
  showAll.type = 'checkbox';
  const showAllLabel = el('label', { className: 'gallery-show-all' }, showAll, 'Show all');
  showAllLabel.title = 'Also list what this board cannot run, greyed, with the reason';
  const status = el('div', { className: 'gallery-status', testId: 'gallery-status' });
  status.setAttribute('role', 'status');
  const list = el('ul', { className: 'gallery-list', testId: 'gallery-list' });
  modal.body.append(el('div', { className: 'gallery-filters' }, search, boardFilter, showAllLabel), status, list);

  // every board's name, for the cards' "Written for …" (the filter lists only the burnable ones)
  const boardNames: Record<string, string> = Object.fromEntries(BOARDS.map(b => [b.id, b.name]));
  boardNames.virtual = 'Virtual board';
  let boardsLoaded = false;
  let boardPicked = false;    // the person chose a board here: it no longer follows the device bar
  let query = 0;              // answers to older queries are dropped
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function refresh(): Promise<void> {
    const mine = ++query;
    const params: { text?: string; board?: string; all?: boolean } = {};
    if (search.value.trim()) params.text = search.value.trim();
    if (boardFilter.value) params.board = boardFilter.value;
    if (boardFilter.value && showAll.checked) params.all = true;
    showAllLabel.hidden = !boardFilter.value;
    try {
      const examples = await api.listExamples(params);
      if (mine !== query) return;
      list.replaceChildren(...examples.map(card));
      status.textContent = statusWords(examples);
    } catch (err) {
      if (mine === query) status.textContent = `Could not list the examples: ${(err as Error).message}`;
    }
  }

  function statusWords(examples: ExampleInfo[]): string {
    if (!examples.length) return 'No example matches: try another word or board.';
    const board = boardFilter.value ? boardNames[boardFilter.value] ?? boardFilter.value : '';
    const runnable = examples.filter(e => !e.cannotRun).length;
    const count = `${runnable} example${runnable === 1 ? '' : 's'}`;
    if (!board) return count;
    const greyed = examples.length - runnable;
    return greyed ? `${count} for ${board}; ${greyed} greyed: it cannot run them` : `${count} for ${board}`;
  }

  function card(example: ExampleInfo): HTMLLIElement {
    const tags = el('div', { className: 'gallery-tags' }, ...example.tags.map(tag => {
      const chip = button(tag, 'example-tag', () => { search.value = tag; void refresh(); }, 'tag small');
      chip.title = `Show examples tagged ${tag}`;
      return chip;
    }));
    const level = el('span', { className: `gallery-level level-${example.level}`, testId: 'example-level', text: example.level });
    const item = el('li', { className: 'gallery-card', testId: 'example-card' },
      el('div', { className: 'gallery-card-head' }, el('span', { className: 'gallery-card-title', text: example.title }), level),
      el('div', { className: 'gallery-card-description', text: example.description }),
      el('div', { className: 'gallery-uses', testId: 'example-uses', text: usesWords(example.uses) }),
      ...(example.uses.length || example.wiring ? [el('div', { className: 'gallery-wiring', testId: 'example-wiring', text: wiringWords(example) })] : []),
      el('div', { className: 'gallery-expect', testId: 'example-expect' }, el('span', { className: 'gallery-label', text: 'You see: ' }), example.expect));
    if (example.cannotRun) {
      item.classList.add('cannot-run');
      item.setAttribute('aria-disabled', 'true');
      const board = boardNames[boardFilter.value] ?? boardFilter.value;
      item.append(el('div', { className: 'gallery-cannot-run', testId: 'example-cannot-run', text: `Not on ${board}: ${example.cannotRun.join('; ')}` }));
    }
    item.append(tags, el('div', { className: 'gallery-card-foot' }, el('span', { className: 'gallery-boards', text: boardsWords(example.boards, boardNames) }),
      button('Use this example', 'use-example', () => void useExample(example), 'primary small')));
    item.dataset.exampleId = example.id;
    item.dataset.level = example.level;
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
        if (usesHardware(example.uses)) showBoardPanel(example);
      },
    });
  }

  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), SEARCH_DELAY_MS);
  });
  boardFilter.addEventListener('change', () => { boardPicked = true; void refresh(); });
  showAll.addEventListener('change', () => void refresh());

  /** Follows the device bar's board until the person picks one here (a board the list offers). */
  function followSelectedBoard(): void {
    const board = selectedBoard();
    if (boardPicked || board === undefined) return;
    if (![...boardFilter.options].some(o => o.value === board)) {
      const known = boardById(board);               // the QEMU board is in no USB table
      if (!known) return;
      boardNames[board] = known.name;
      boardFilter.append(new Option(known.name, board));
    }
    boardFilter.value = board;
  }

  return {
    open() {
      modal.open();
      search.focus();
      followSelectedBoard();
      void refresh();
      if (!boardsLoaded) {
        boardsLoaded = true;
        api.listKnownBoards().then(boards => {
          for (const [id, name] of Object.entries(boards)) {
            boardNames[id] = name;
            if (![...boardFilter.options].some(o => o.value === id)) boardFilter.append(new Option(name, id));
          }
          const before = boardFilter.value;
          followSelectedBoard();
          if (boardFilter.value !== before) void refresh();
        }, () => { boardsLoaded = false; });
      }
    },
  };
}
