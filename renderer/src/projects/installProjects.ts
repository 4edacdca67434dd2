// Puts the project controls in the top bar (#project-bar): the open project's name, Examples,
// Projects and Save; draws the editor's file tabs; reopens the last project on start.
import type { ExampleInfo, ViperApi } from '../../../main/common/api';
import type { ProgramConsole } from '../console/programConsole';
import type { ProgramEditor } from '../editor/createEditor';
import { createFileTabs } from '../editor/fileTabs';
import { createGallery } from '../gallery/galleryPanel';
import { button, el } from './modal';
import { createProjectSession, type ProjectSession } from './projectSession';
import { createProjectsPanel } from './projectsPanel';

export interface InstallProjectsOptions {
  api: ViperApi;
  editor: ProgramEditor;
  out: ProgramConsole;
  bar: HTMLElement;
  /** Where the file tabs go. */
  tabs: HTMLElement;
  /** The selected board's definition id (boards/<id>.json), when known: the gallery lists what it can run. */
  selectedBoard(): string | undefined;
  /** Shows the board panel for a cloned example that uses the board. */
  showBoardPanel(example: ExampleInfo): void;
}

export function installProjects({ api, editor, out, bar, tabs, selectedBoard, showBoardPanel }: InstallProjectsOptions): ProjectSession {
  const nameLabel = el('span', { className: 'project-name', testId: 'project-name' });
  const board = () => session.current()?.board ?? 'virtual';
  const fileTabs = createFileTabs({
    container: tabs,
    onSelect: file => editor.show(file),
    onNew: () => void session.newModule().catch(err => out.error(`Could not add a module: ${(err as Error).message}`)),
    onDelete: file => void session.deleteModule(file).catch(err => out.error(`Could not delete ${file}: ${(err as Error).message}`)),
    onRename: file => void session.renameModule(file).catch(err => out.error(`Could not rename ${file}: ${(err as Error).message}`)),
  });
  const drawTabs = () => fileTabs.render(editor.files(), editor.currentFile(), session.dirtyFiles());
  const session = createProjectSession({ api, editor, out, nameLabel, board, onDirtyChange: drawTabs });
  editor.onFilesChange(drawTabs);
  drawTabs();
  const openProject = async (project: Parameters<ProjectSession['open']>[0]) => {
    try { await session.open(project); } catch (err) { out.error(`Could not open ${project.name}: ${(err as Error).message}`); }
  };
  const gallery = createGallery({ api, openProject, selectedBoard, showBoardPanel });
  const projects = createProjectsPanel({ api, openProject, board });

  const save = button('Save', 'save', () => void session.save(), 'small');
  save.title = 'Save the unsaved files in the project (Ctrl+S)';
  bar.append(
    nameLabel,
    button('Examples', 'open-gallery', () => gallery.open(), 'small'),
    button('Projects', 'open-projects', () => projects.open(), 'small'),
    save,
  );
  void session.reopenLast();
  return session;
}
