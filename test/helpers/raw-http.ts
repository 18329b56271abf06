import { connect } from 'node:net';

/** What came back for a raw request: the status line's code (0 when nothing came back) and the whole answer. */
export interface RawAnswer {
  status: number;
  text: string;
}

/**
 * Writes `request` as raw bytes to 127.0.0.1:`port` and collects everything the server answers
 * until it closes the connection (requests should say `Connection: close`). Resolves when the
 * socket closes; `limitMs` only guards against a server that never closes.
 */
export function rawRequest(port: number, request: string | Buffer, limitMs = 10_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const finish = () => {
      clearTimeout(guard);
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    const guard = setTimeout(() => socket.destroy(), limitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', finish);
  });
}
