// "Projects": the recently opened projects (newest first), and a new empty project.
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
  modal.footer.append(button('New project…', 'new-project', () => void newProject(), 'primary'));

  async function use(project: ProjectInfo): Promise<void> {
    modal.close();
    await openProject(project);
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
