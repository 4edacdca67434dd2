// The example gallery: search it, filter it by what a board can run, and clone an example into a new project.
import { mkdir } from 'node:fs/promises';
import type { ProjectInfo, ToolsApi } from '../common/api';
import { cloneExample, queryExamples } from '../examples/gallery';

export type ExamplesApi = Pick<ToolsApi, 'listExamples' | 'cloneExample'>;

/** `adopt` opens the new project folder as one the main side made. */
export function createExamplesService(examplesDir: string, projectsDir: string, adopt: (dir: string) => Promise<ProjectInfo>): ExamplesApi {
  return {
    async listExamples(query) { return queryExamples(examplesDir, query); },

    async cloneExample({ id, name, board }) {
      await mkdir(projectsDir, { recursive: true });
      return adopt(await cloneExample(examplesDir, id, projectsDir, name, board));
    },
  };
}
