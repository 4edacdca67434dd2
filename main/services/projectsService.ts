// Projects and their files. Every method that takes a `dir` first asks ProjectAccess whether the
// main side knows that folder, then works on its real path; file names were checked by the
// method table (a top-level module or viper.json) and are checked again by projects/project.ts.
import { mkdir } from 'node:fs/promises';
import type { ProjectInfo, ToolsApi } from '../common/api';
import { clearStash, moveStash, recoverBuffers, stashBuffer } from '../projects/autosave';
import { createProject, deleteProjectFile, openProject, readProjectFile, renameProjectFile, saveProjectFile, type Project } from '../projects/project';
import { ProjectAccess } from '../projects/projectAccess';
import type { RecentProjects } from '../projects/recentProjects';

export type ProjectsApi = Pick<ToolsApi, 'createProject' | 'openProject' | 'pickProject' | 'recentProjects' | 'readFile' | 'saveFile'
  | 'stashBuffer' | 'recoverBuffers' | 'discardBuffer' | 'deleteFile' | 'renameFile'>;

export interface ProjectsOptions {
  projectsDir: string;
  recent: RecentProjects;
  /** Asks the person for a folder (Electron: a native dialog); absent in browser mode. */
  pickFolder?: () => Promise<string | undefined>;
}

const projectInfo = (p: Project): ProjectInfo => ({ dir: p.dir, name: p.manifest.name, board: p.manifest.board, files: p.files });

export function createProjectsService({ projectsDir, recent, pickFolder }: ProjectsOptions): ProjectsApi & {
  /** Opens a folder the main side itself made (a new project, a cloned example) and remembers it. */
  adopt(dir: string): Promise<ProjectInfo>;
} {
  const access = new ProjectAccess(projectsDir, recent);

  /** Opens an allowed project (by its real path) and puts it first in the recent list. */
  async function openAndRemember(realDir: string): Promise<ProjectInfo> {
    const project = projectInfo(await openProject(realDir));
    await recent.add(realDir).catch(() => undefined);   // a read-only settings folder must not stop work
    return project;
  }

  return {
    adopt: async dir => openAndRemember(await access.check(dir)),

    async createProject({ name, board }) {
      await mkdir(projectsDir, { recursive: true });
      return openAndRemember(await access.check((await createProject(projectsDir, name, board)).dir));
    },

    openProject: async ({ dir }) => openAndRemember(await access.check(dir)),

    async pickProject() {
      if (!pickFolder) throw new Error('opening a folder from elsewhere needs the Viper desktop app: here, start from an example or a new project');
      const dir = await pickFolder();
      if (dir === undefined) return undefined;          // the person cancelled
      return openAndRemember(await access.allowPicked(dir));
    },

    async recentProjects() {
      const opened = await Promise.all(recent.list().map(dir => openProject(dir).then(projectInfo, () => undefined)));
      return opened.filter((p): p is ProjectInfo => p !== undefined);
    },

    readFile: async ({ dir, file }) => readProjectFile(await access.check(dir), file),

    async saveFile({ dir, file, text }) {
      const real = await access.check(dir);
      await saveProjectFile(real, file, text);
      await clearStash(real, file);
    },

    stashBuffer: async ({ dir, file, text }) => stashBuffer(await access.check(dir), file, text),

    async recoverBuffers({ dir }) {
      const recovered = await recoverBuffers(await access.check(dir));
      return recovered.map(({ file, text, savedAt, diskText }) => ({ file, text, savedAt, ...(diskText === undefined ? {} : { diskText }) }));
    },

    discardBuffer: async ({ dir, file }) => clearStash(await access.check(dir), file),

    async deleteFile({ dir, file }) {
      const real = await access.check(dir);
      await deleteProjectFile(real, file);
      await clearStash(real, file);
    },

    async renameFile({ dir, file, to }) {
      const real = await access.check(dir);
      await renameProjectFile(real, file, to);
      await moveStash(real, file, to);
    },
  };
}
