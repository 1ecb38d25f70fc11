import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A log line an action wrote, with its metadata. @public */
export type CapturedLog = {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta?: unknown;
};

/** One run of an action within a scaffolder task. @public */
export interface TaskRun {
  /** Pass to `action.handler`. */
  ctx: ActionContext<any, any>;
  /** What the action output, by name. */
  outputs: Record<string, unknown>;
  /** Everything the action logged. */
  logs: CapturedLog[];
  /** The checkpoints that completed, by key, shared with retries. */
  checkpoints: Map<string, JsonValue>;
  /**
   * The same task run again after a failure: a new context with the same
   * input and the checkpoints that succeeded, as the scaffolder does when
   * it retries or recovers a task.
   */
  retry(): TaskRun;
}

function capturingLogger(logs: CapturedLog[]): LoggerService {
  const logger: LoggerService = {
    error: (message, meta) => void logs.push({ level: 'error', message, meta }),
    warn: (message, meta) => void logs.push({ level: 'warn', message, meta }),
    info: (message, meta) => void logs.push({ level: 'info', message, meta }),
    debug: (message, meta) => void logs.push({ level: 'debug', message, meta }),
    child: () => logger,
  };
  return logger;
}

/**
 * A scaffolder action context for tests. Unlike a context whose checkpoint
 * simply calls its function, this one keeps what succeeded, like Backstage's
 * task runner: a checkpoint that completed returns its stored value on a
 * retry, one that failed runs again.
 *
 * @public
 */
export function createTaskRun(options: {
  input: JsonObject;
  isDryRun?: boolean;
  workspacePath?: string;
  checkpoints?: Map<string, JsonValue>;
  /**
   * Who started the task: a user (`mockCredentials.user('user:default/kim')`)
   * or a service. Default: `mockCredentials.user()`.
   */
  credentials?: BackstageCredentials;
}): TaskRun {
  const checkpoints = options.checkpoints ?? new Map<string, JsonValue>();
  const workspacePath =
    options.workspacePath ?? mkdtempSync(join(tmpdir(), 'wombat-task-'));
  const outputs: Record<string, unknown> = {};
  const logs: CapturedLog[] = [];
  const ctx: ActionContext<any, any> = {
    input: options.input,
    isDryRun: options.isDryRun,
    workspacePath,
    logger: capturingLogger(logs),
    output: (name, value) => {
      outputs[name as string] = value;
    },
    async checkpoint({ key, fn }) {
      if (checkpoints.has(key)) {
        return checkpoints.get(key) as any;
      }
      const value = await fn();
      checkpoints.set(key, (value ?? {}) as JsonValue);
      return value;
    },
    createTemporaryDirectory: async () =>
      mkdtempSync(join(tmpdir(), 'wombat-task-tmp-')),
    getInitiatorCredentials: async () =>
      options.credentials ?? mockCredentials.user(),
    task: { id: 'test-task' },
    step: { id: 'test-step', name: 'test step' },
  };
  return {
    ctx,
    outputs,
    logs,
    checkpoints,
    retry: () => createTaskRun({ ...options, workspacePath, checkpoints }),
  };
}
