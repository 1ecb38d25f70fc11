import { execFile } from 'child_process';

/** Author and committer of the commits the sandbox makes itself. */
const SANDBOX_IDENTITY = {
  GIT_AUTHOR_NAME: 'Administrator',
  GIT_AUTHOR_EMAIL: 'admin@example.com',
  GIT_COMMITTER_NAME: 'Administrator',
  GIT_COMMITTER_EMAIL: 'admin@example.com',
};

/**
 * Runs git against one bare repository and resolves with its stdout. The
 * environment is cut down so that the user's git configuration (hooks,
 * signing, templates) cannot change what the sandbox does.
 */
export function runGit(
  gitDir: string,
  args: string[],
  options: { input?: Buffer | string; env?: Record<string, string> } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [`--git-dir=${gitDir}`, ...args],
      {
        encoding: 'buffer',
        maxBuffer: 256 * 1024 * 1024,
        env: {
          PATH: process.env.PATH,
          HOME: gitDir,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_TERMINAL_PROMPT: '0',
          ...SANDBOX_IDENTITY,
          ...options.env,
        },
      },
      (error, stdout, stderr) => {
        if (error) {
          const message = stderr.toString().trim() || error.message;
          reject(new Error(`git ${args[0]} failed: ${message}`));
        } else {
          resolve(stdout);
        }
      },
    );
    if (options.input !== undefined) {
      child.stdin!.end(options.input);
    }
  });
}

/** Like runGit, but an exit status of 1 (git's "no such thing") gives undefined. */
export async function runGitOptional(
  gitDir: string,
  args: string[],
): Promise<Buffer | undefined> {
  try {
    return await runGit(gitDir, args);
  } catch {
    return undefined;
  }
}
