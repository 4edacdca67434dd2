// Puts the project controls in the top bar (#project-bar): the open project's name, Examples,
// Projects and Save; reopens the last project on start.
import type { ViperApi } from '../../../main/common/api';
import type { ProgramConsole } from '../console/programConsole';
import type { ProgramEditor } from '../editor/createEditor';
import { createGallery } from '../gallery/galleryPanel';
import { button, el } from './modal';
import { createProjectSession, type ProjectSession } from './projectSession';
import { createProjectsPanel } from './projectsPanel';

export interface InstallProjectsOptions {
  api: ViperApi;
  editor: ProgramEditor;
  out: ProgramConsole;
  bar: HTMLElement;
}

export function installProjects({ api, editor, out, bar }: InstallProjectsOptions): ProjectSession {
  const nameLabel = el('span', { className: 'project-name', testId: 'project-name' });
  const board = () => session.current()?.board ?? 'virtual';
  const session = createProjectSession({ api, editor, out, nameLabel, board });
  const openProject = async (project: Parameters<ProjectSession['open']>[0]) => {
    try { await session.open(project); } catch (err) { out.error(`Could not open ${project.name}: ${(err as Error).message}`); }
  };
  const gallery = createGallery({ api, openProject });
  const projects = createProjectsPanel({ api, openProject, board });

  const save = button('Save', 'save', () => void session.save(), 'small');
  save.title = 'Save main.py in the project (Ctrl+S)';
  bar.append(
    nameLabel,
    button('Examples', 'open-gallery', () => gallery.open(), 'small'),
    button('Projects', 'open-projects', () => projects.open(), 'small'),
    save,
  );
  void session.reopenLast();
  return session;
}
