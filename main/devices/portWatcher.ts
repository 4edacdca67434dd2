// Polls the port list and tells when a port appears or goes away.
// Events: 'added' (PortInfo), 'removed' (PortInfo).
import { EventEmitter } from 'node:events';
import type { PortInfo } from './portInfo';

export class PortWatcher extends EventEmitter {
  private known = new Map<string, PortInfo>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;

  constructor(private readonly list: () => Promise<PortInfo[]>, private readonly intervalMs = 500) { super(); }

  /** The ports seen at the last poll. */
  get ports(): PortInfo[] { return [...this.known.values()]; }

  /** Takes the first listing (no events for ports already there), then polls. */
  async start(): Promise<void> {
    if (this.timer) return;
    this.known = new Map((await this.safeList() ?? []).map(p => [p.path, p]));
    this.timer = setInterval(() => { this.polling ??= this.poll().finally(() => { this.polling = undefined; }); }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.polling;
  }

  private async safeList(): Promise<PortInfo[] | undefined> {
    try { return await this.list(); } catch { return undefined; }
  }

  private async poll(): Promise<void> {
    const now = await this.safeList();
    if (!now || !this.timer) return;
    const next = new Map(now.map(p => [p.path, p]));
    for (const [path, port] of this.known) if (!next.has(path)) this.emit('removed', port);
    for (const [path, port] of next) if (!this.known.has(path)) this.emit('added', port);
    this.known = next;
  }
}
