import type { ProxmoxState, ProxmoxTask } from './ProxmoxState';

/** What a task does: its checks when it starts, its effect when it ends. */
export interface TaskWork {
  /** Runs when the worker starts; a returned message makes the task fail. */
  check?(): string | undefined;
  /** Runs when the task stops successfully; a returned message makes it fail instead. */
  finish?(): string | undefined;
  /** Undoes what the request did right away when the task fails. */
  cleanUp?(): void;
}

/**
 * Background workers with real timers: each task runs `taskMs`, then stops
 * with `OK` or an error. Failures scheduled with `failNextTask` win over the
 * work, and the work's effect is then not applied.
 */
export class ProxmoxTasks {
  private readonly scheduledFailures = new Map<string, string[]>();
  private readonly endings = new Map<string, Promise<ProxmoxTask>>();
  private pid = 0x3a00;

  constructor(
    private readonly state: ProxmoxState,
    private readonly tokenId: string,
    private readonly taskMs: number,
  ) {}

  failNext(type: string, exitstatus: string): void {
    const queue = this.scheduledFailures.get(type) ?? [];
    queue.push(exitstatus);
    this.scheduledFailures.set(type, queue);
  }

  /** Starts a worker and returns its UPID. */
  start(node: string, type: string, id: string, work: TaskWork = {}): string {
    const starttime = Math.floor(Date.now() / 1000);
    const pid = ++this.pid;
    const pstart = (starttime * 100) & 0xfffffff;
    const upid = `UPID:${node}:${hex(pid)}:${hex(pstart)}:${hex(
      starttime,
    )}:${type}:${id}:${this.tokenId}:`;
    const task: ProxmoxTask = {
      upid,
      node,
      type,
      id,
      user: this.tokenId,
      pid,
      pstart,
      starttime,
      status: 'running',
    };
    this.state.tasks.push(task);
    const scheduled = this.scheduledFailures.get(type)?.shift();
    const checkError = scheduled === undefined ? work.check?.() : undefined;
    const ending = new Promise<ProxmoxTask>(resolve => {
      const timer = setTimeout(() => {
        let exitstatus = scheduled ?? checkError;
        if (exitstatus === undefined) {
          exitstatus = work.finish?.();
        }
        if (exitstatus !== undefined) {
          work.cleanUp?.();
        }
        task.status = 'stopped';
        task.exitstatus = exitstatus ?? 'OK';
        resolve(task);
      }, this.taskMs);
      timer.unref?.();
    });
    this.endings.set(upid, ending);
    return upid;
  }

  /** Resolves with the task once it has stopped. */
  stopped(upid: string): Promise<ProxmoxTask> {
    const ending = this.endings.get(upid);
    if (!ending) {
      throw new Error(`no task ${upid}`);
    }
    return ending;
  }
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(8, '0');
}

/** Splits a UPID into its fields; undefined when it is not one. */
export function parseUpid(
  upid: string,
): { node: string; type: string; id: string } | undefined {
  const match =
    /^UPID:([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?):([0-9A-F]{8}):([0-9A-F]{8,9}):([0-9A-F]{8}):([^:\s]+):([^:\s]*):([^:\s]+):$/.exec(
      upid,
    );
  return match ? { node: match[1], type: match[6], id: match[7] } : undefined;
}
