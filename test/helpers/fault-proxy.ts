import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the proxy treats requests: forward them, answer like a throttling AWS service, or hang. */
export type FaultMode = 'pass' | 'throttle' | 'hold';

/**
 * A loopback proxy in front of an emulator, for fault injection: it forwards requests, or answers
 * `429 TooManyRequestsException` as SES does when throttling, or holds them unanswered (a service
 * that hangs, or a call in flight when its caller dies). Held requests are never forwarded.
 */
export interface FaultProxy {
  endpoint: string;
  mode: FaultMode;
  /** Requests seen per outcome. */
  counts: Record<FaultMode, number>;
  /** Drops every held request (as if the connection died) without forwarding it. */
  dropHeld(): void;
  stop(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  const held = new Set<ServerResponse>();
  const proxy: FaultProxy = {
    endpoint: '',
    mode: 'pass',
    counts: { pass: 0, throttle: 0, hold: 0 },
    dropHeld: () => {
      for (const res of held) res.destroy();
      held.clear();
    },
    stop: async () => {
      proxy.dropHeld();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const mode = proxy.mode;
    proxy.counts[mode] += 1;
    if (mode === 'throttle') {
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
      res.end(JSON.stringify({ message: 'Maximum sending rate exceeded.' }));
      return;
    }
    if (mode === 'hold') {
      req.resume();
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    const upstream = request(
      { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
