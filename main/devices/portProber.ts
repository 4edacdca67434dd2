// Finds out in the background whether a Viper VM answers on each serial port, so the port list can
// say so without waiting for it. Each port is probed once and the answer kept until the port goes
// away or a session on it ends. A port that a session (or a burn) holds is never probed: the probe
// would open it under the session's feet. Probes that hang are given up after a hard deadline.
import type { VmInfo } from '../link/session';

export type ProbeStatus =
  | { status: 'probing' }
  | { status: 'none' }
  | { status: 'in-use' }                  // held, and its session has not said who it is yet
  | { status: 'ready'; info: VmInfo };

export interface PortProberOptions {
  /** Asks one port; resolves with the VM's INFO or undefined. May throw or hang: both are survived. */
  probe(path: string): Promise<VmInfo | undefined>;
  /** After this long a probe counts as "nothing answered", whatever it is still doing. */
  deadlineMs?: number;
}

export class PortProber {
  private readonly results = new Map<string, VmInfo | null>();     // null: nothing answered
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly holds = new Map<string, { count: number; info?: VmInfo }>();
  private listed = new Set<string>();
  private stopped = false;

  constructor(private readonly options: PortProberOptions) {}

  /** The ports that exist now: forgets the ones that went away and starts probing new ones. */
  update(paths: string[]): void {
    this.listed = new Set(paths);
    for (const path of [...this.results.keys()]) if (!this.listed.has(path)) this.results.delete(path);
    for (const path of paths) {
      if (!this.results.has(path) && !this.inFlight.has(path) && !this.holds.has(path)) this.start(path);
    }
  }

  status(path: string): ProbeStatus {
    const held = this.holds.get(path);
    if (held) return held.info ? { status: 'ready', info: held.info } : { status: 'in-use' };
    const result = this.results.get(path);
    if (result === undefined) return { status: 'probing' };
    return result ? { status: 'ready', info: result } : { status: 'none' };
  }

  /** Keeps probes off the port until release(); resolves once a probe running on it has let go. */
  async hold(path: string): Promise<void> {
    const held = this.holds.get(path);
    if (held) held.count++;
    else this.holds.set(path, { count: 1 });
    await this.inFlight.get(path);
  }

  /** What the session on a held port learned from its VM (the list shows it instead of a probe). */
  noteSession(path: string, info: VmInfo): void {
    const held = this.holds.get(path);
    if (held) held.info = info;
  }

  /** The session or burn is over: what was known about the port is stale, so it is probed afresh. */
  release(path: string): void {
    const held = this.holds.get(path);
    if (!held || --held.count > 0) return;
    this.holds.delete(path);
    this.results.delete(path);
  }

  /** Resolves when no probe is running (tests; dispose). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight.values());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.settled();
  }

  private start(path: string): void {
    if (this.stopped) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<undefined>(resolve => { timer = setTimeout(resolve, this.options.deadlineMs ?? 2000, undefined); });
    const asked = Promise.resolve().then(() => this.options.probe(path)).catch(() => undefined);
    const done = Promise.race([asked, deadline]).then(info => {
      clearTimeout(timer);
      this.inFlight.delete(path);
      // A port that went away meanwhile, or was taken by a session, keeps no stale answer.
      if (this.listed.has(path) && !this.holds.has(path)) this.results.set(path, info ?? null);
    });
    this.inFlight.set(path, done);
  }
}
