// "Projects": the recently opened projects (newest first), a new empty project, and a folder
// from elsewhere (picked in the desktop app's dialog: the main side opens only what the person picked).
import type { ProjectInfo, ViperApi } from '../../../main/common/api';
import { ask, button, createModal, el } from './modal';

export interface ProjectsPanelOptions {
  api: ViperApi;
  openProject(project: ProjectInfo): Promise<void>;
  board(): string;
}

export function createProjectsPanel({ api, openProject, board }: ProjectsPanelOptions): { open(): void } {
  const modal = createModal('Projects', 'projects');
  const list = el('ul', { className: 'recent-list', testId: 'recent-projects' });
  const status = el('div', { className: 'gallery-status', testId: 'projects-status' });
  modal.body.append(el('div', { className: 'modal-label', text: 'Recent projects' }), status, list);
  modal.footer.append(button('Open folder…', 'open-folder', () => void openFolder()), button('New project…', 'new-project', () => void newProject(), 'primary'));

  async function use(project: ProjectInfo): Promise<void> {
    modal.close();
    await openProject(project);
  }

  async function openFolder(): Promise<void> {
    try {
      const project = await api.pickProject();
      if (project) await use(project);
    } catch (err) {
      status.textContent = `Could not open a folder: ${(err as Error).message}`;
    }
  }

  function newProject(): Promise<boolean> {
    return ask({
      title: 'New project', label: 'Project name', initial: 'My project', okText: 'Create project', testId: 'new-project',
      submit: async name => use(await api.createProject({ name, board: board() })),
    });
  }

  return {
    open() {
      modal.open();
      status.textContent = 'Loading…';
      api.recentProjects().then(projects => {
        status.textContent = projects.length ? '' : 'No recent projects yet: start from an example or a new project.';
        list.replaceChildren(...projects.map(p => {
          const item = el('li', { testId: 'recent-project' },
            button(p.name, 'open-recent', () => void use(p), 'recent-open'),
            el('span', { className: 'recent-dir', text: p.dir }));
          return item;
        }));
      }, err => { status.textContent = `Could not list recent projects: ${(err as Error).message}`; });
    },
  };
}
