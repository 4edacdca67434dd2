// Which project folders the main side lets the API touch. Whoever reaches the API (the page in
// browser mode, a compromised renderer) names folders by path, so the path alone proves nothing:
// a folder is allowed only when Viper made or cloned it (a folder directly in projectsDir), it is
// in the recent list (opened before, through these same rules), or the person picked it in a
// dialog this run. Paths are compared after realpath, so a link to elsewhere counts as elsewhere.
import { realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RecentProjects } from './recentProjects';

export class ProjectAccess {
  /** Real paths the person picked this run (also in the recent list, unless that cannot be written). */
  private readonly picked = new Set<string>();

  constructor(private readonly projectsDir: string, private readonly recent: RecentProjects) {}

  /** Allows a folder the person chose in a dialog; resolves with its real path. */
  async allowPicked(dir: string): Promise<string> {
    const real = await realFolder(dir);
    this.picked.add(real);
    return real;
  }

  /** The real path of `dir` when the API may use it; throws saying why not otherwise. */
  async check(dir: string): Promise<string> {
    const real = await realFolder(dir);
    if (this.picked.has(real)) return real;
    const projects = await realpath(this.projectsDir).catch(() => undefined);
    if (projects !== undefined && dirname(real) === projects && real !== projects) return real;
    for (const entry of this.recent.list()) {
      if ((await realpath(entry).catch(() => undefined)) === real) return real;
    }
    throw new Error(`${dir} is not a project Viper made or opened: open it with "Open folder…" in Projects`);
  }
}

async function realFolder(dir: string): Promise<string> {
  try {
    return await realpath(dir);
  } catch {
    throw new Error(`there is no project folder at ${dir}`);
  }
}
