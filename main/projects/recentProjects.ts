// The recently opened projects, newest first, in recent-projects.json in the settings folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite';
import { mkdir } from 'node:fs/promises';

export class RecentProjects {
  readonly file: string;
  constructor(settingsDir: string, private readonly max = 10) { this.file = join(settingsDir, 'recent-projects.json'); }

  list(): string[] {
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return Array.isArray(data) ? data.filter((d): d is string => typeof d === 'string').slice(0, this.max) : [];
    } catch { return []; }
  }

  async add(dir: string): Promise<string[]> {
    const next = [dir, ...this.list().filter(d => d !== dir)].slice(0, this.max);
    await this.write(next);
    return next;
  }

  async remove(dir: string): Promise<string[]> {
    const next = this.list().filter(d => d !== dir);
    await this.write(next);
    return next;
  }

  private async write(list: string[]): Promise<void> {
    await mkdir(join(this.file, '..'), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(list, null, 2) + '\n');
  }
}
