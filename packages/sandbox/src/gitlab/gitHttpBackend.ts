import { spawn } from 'child_process';
import type { IncomingMessage, ServerResponse } from 'http';

/**
 * Serves one smart-HTTP request with git's own CGI program, `git
 * http-backend`, so that clients meet a real git server: the same
 * capabilities, pack negotiation and errors as behind GitLab's Workhorse.
 * Resolves once the response is sent, with git's exit code.
 */
export function runGitHttpBackend(
  req: IncomingMessage,
  res: ServerResponse,
  options: {
    projectRoot: string;
    /** e.g. `/42.git/info/refs` */
    pathInfo: string;
    query: string;
    /** Set for authenticated requests; git enables receive-pack only then. */
    remoteUser?: string;
    /**
     * Runs when git has exited, before the response ends: what it changes
     * is in place by the time the client sees its push succeed.
     */
    beforeEnd?: (exitCode: number) => Promise<void>;
  },
): Promise<number> {
  return new Promise(resolve => {
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: options.projectRoot,
        GIT_PROJECT_ROOT: options.projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: options.pathInfo,
        QUERY_STRING: options.query,
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length']
          ? { CONTENT_LENGTH: req.headers['content-length'] }
          : {}),
        ...(req.headers['content-encoding']
          ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) }
          : {}),
        ...(req.headers['git-protocol']
          ? { GIT_PROTOCOL: String(req.headers['git-protocol']) }
          : {}),
        REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
        ...(options.remoteUser ? { REMOTE_USER: options.remoteUser } : {}),
      },
    });
    req.pipe(child.stdin);
    child.stdin.on('error', () => {
      // git may stop reading early (a refused push); its answer still counts.
    });

    let head = Buffer.alloc(0);
    let headersSent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const split = findHeaderEnd(head);
      if (!split) {
        return;
      }
      const { status, headers } = parseCgiHeaders(
        head.subarray(0, split.index).toString('latin1'),
      );
      res.writeHead(status, headers);
      headersSent = true;
      res.write(head.subarray(split.index + split.length));
    });
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('close', async code => {
      const exitCode = code ?? 1;
      if (!headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.write(Buffer.concat(stderr));
      }
      try {
        await options.beforeEnd?.(exitCode);
      } finally {
        res.end();
        resolve(exitCode);
      }
    });
  });
}

function findHeaderEnd(
  buffer: Buffer,
): { index: number; length: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) {
    return { index: crlf, length: 4 };
  }
  return lf >= 0 ? { index: lf, length: 2 } : undefined;
}

/** CGI headers: `Status: 404 Not Found` sets the status, the rest pass on. */
function parseCgiHeaders(text: string): {
  status: number;
  headers: Record<string, string>;
} {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') {
      status = Number.parseInt(value, 10) || 500;
    } else {
      headers[name] = value;
    }
  }
  return { status, headers };
}
