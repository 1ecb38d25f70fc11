import net from 'net';

// An anonymous simple bind (LDAPv3, message id 1), BER encoded by hand so that
// this package needs no LDAP client: SEQUENCE { 1, [APPLICATION 0] SEQUENCE {
// 3, "", [0] "" } }.
const ANONYMOUS_BIND = Buffer.from([
  0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00, 0x80,
  0x00,
]);
// SEQUENCE { 2, [APPLICATION 2] NULL }
const UNBIND = Buffer.from([0x30, 0x05, 0x02, 0x01, 0x02, 0x42, 0x00]);

/**
 * Reads the result code of a BindResponse, or undefined while the message is
 * incomplete.
 */
function bindResultCode(data: Buffer): number | undefined {
  let offset = 0;
  const readHeader = (): { tag: number; length: number } | undefined => {
    if (offset + 2 > data.length) {
      return undefined;
    }
    const tag = data[offset++];
    let length = data[offset++];
    if (length & 0x80) {
      const octets = length & 0x7f;
      if (offset + octets > data.length) {
        return undefined;
      }
      length = 0;
      for (let i = 0; i < octets; i++) {
        length = length * 256 + data[offset++];
      }
    }
    return { tag, length };
  };

  const message = readHeader();
  if (message?.tag !== 0x30) {
    return undefined;
  }
  const messageId = readHeader();
  if (messageId?.tag !== 0x02) {
    return undefined;
  }
  offset += messageId.length;
  const response = readHeader();
  if (response?.tag !== 0x61) {
    return undefined;
  }
  const resultCode = readHeader();
  if (resultCode?.tag !== 0x0a || offset >= data.length) {
    return undefined;
  }
  return data[offset];
}

/**
 * Resolves true when the LDAP server at host:port answers an anonymous bind
 * with success, false on any connection problem or other answer.
 */
export function answersAnonymousBind(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<boolean> {
  return new Promise(resolve => {
    let received = Buffer.alloc(0);
    const socket = net.connect({ host, port });
    let timer: NodeJS.Timeout | undefined = undefined;
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      if (ok) {
        socket.end(UNBIND);
      } else {
        socket.destroy();
      }
      resolve(ok);
    };
    timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('connect', () => socket.write(ANONYMOUS_BIND));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const code = bindResultCode(received);
      if (code !== undefined) {
        finish(code === 0);
      }
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}
