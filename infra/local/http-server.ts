import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { logger } from '#shared/logger.ts';

/** A function as API Gateway (HTTP API, payload 2.0) invokes it. */
export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/** One route: an API Gateway route key's method and path template, and what answers it. */
export interface LocalRoute {
  method: string;
  path: string;
  handler: HttpHandler;
  context: () => Context;
  /** Largest body read before answering 413 without invoking the handler. */
  maxBodyBytes: number;
}

/** Content types API Gateway passes as text; anything else arrives base64-encoded. */
const TEXT_TYPES = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)|[^;]*\+json|[^;]*\+xml)/i;

/** Matches a path against a template such as `/s/{token}`; returns the path parameters. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (!match) return undefined;
  try {
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
  } catch {
    return undefined;
  }
}

/** Reads the body up to `limit` bytes; undefined when it is larger. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Builds the API Gateway HTTP API (payload 2.0) event for a request. */
export function toApiGatewayEvent(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  route: { method: string; path: string },
  pathParameters: Record<string, string>,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || TEXT_TYPES.test(contentType);
  const now = new Date();
  const cookies = req.headers.cookie?.split(';').map((c) => c.trim()).filter(Boolean);
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: (headers.host ?? '127').split('.')[0]!,
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  res.writeHead(status, headers);
  res.end(body);
}

/** Writes a Lambda proxy result (structured or bare) the way API Gateway would. */
function writeResult(res: ServerResponse, result: APIGatewayProxyResultV2): void {
  if (typeof result === 'string' || result === undefined || result === null) {
    send(res, 200, { 'content-type': 'application/json' }, typeof result === 'string' ? result : '');
    return;
  }
  if (!('statusCode' in result) || result.statusCode === undefined) {
    send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(result));
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body ?? '';
  res.writeHead(result.statusCode, headers);
  res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

/** A local route answered in-process (health, helpers), outside the API Gateway routes. */
export type LocalHelper = (req: IncomingMessage, url: URL, body: Buffer) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;

export interface LocalHttpServerOptions {
  routes: LocalRoute[];
  /** `"METHOD /path"` -> helper. */
  helpers: Record<string, { handler: LocalHelper; maxBodyBytes: number }>;
}

function notFound(res: ServerResponse, path: string): void {
  send(
    res,
    404,
    { 'content-type': 'application/json; charset=utf-8' },
    JSON.stringify({ error: { code: 'not_found', message: `no route for ${path}` } }),
  );
}

function tooLarge(res: ServerResponse, limit: number): void {
  send(
    res,
    413,
    { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
    JSON.stringify({ error: { code: 'payload_too_large', message: `request body is larger than ${limit} bytes` } }),
  );
}

/**
 * The local HTTP front door: matches API Gateway routes and invokes the same handlers with
 * payload 2.0 events; local helpers answer `/healthz` and `/_local/*`.
 */
export function createLocalHttpServer(options: LocalHttpServerOptions): Server {
  const server = createServer((req, res) => {
    void (async () => {
      const url = requestUrl(req.url);
      const method = (req.method ?? 'GET').toUpperCase();
      try {
        if (!url) {
          req.resume();
          return badRequest(res, 'the request target is not a valid path or URL');
        }
        const helper = options.helpers[`${method} ${url.pathname}`];
        if (helper) {
          const body = await readBody(req, helper.maxBodyBytes);
          if (!body) return tooLarge(res, helper.maxBodyBytes);
          const answer = await helper.handler(req, url, body);
          return send(res, answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers }, JSON.stringify(answer.body));
        }
        for (const route of options.routes) {
          if (route.method !== method) continue;
          const params = matchPath(route.path, url.pathname);
          if (!params) continue;
          const body = await readBody(req, route.maxBodyBytes);
          if (!body) return tooLarge(res, route.maxBodyBytes);
          const event = toApiGatewayEvent(req, url, body, route, params);
          return writeResult(res, await route.handler(event, route.context()));
        }
        req.resume();
        notFound(res, url.pathname);
      } catch (error) {
        logger.error('local server error', { path: url?.pathname, error: String(error) });
        try {
          if (!res.headersSent) {
            send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ error: { code: 'internal_error', message: 'internal error' } }));
          } else res.end();
        } catch {
          res.destroy();
        }
      }
    })().catch(() => res.destroy());
  });
  // Requests Node's parser refuses (bad request lines, header overflow, smuggling attempts) get a
  // plain HTTP answer and the connection is closed; nothing a client sends reaches process level.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    const body = JSON.stringify({ error: { code: 'bad_request', message: 'the request could not be parsed' } });
    socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  // CONNECT (a proxy tunnel) is nothing this server offers: answer it instead of dropping the socket.
  server.on('connect', (_req, socket) => {
    const body = JSON.stringify({ error: { code: 'method_not_allowed', message: 'CONNECT is not supported' } });
    socket.on('error', () => socket.destroy());
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  return server;
}

/**
 * The URL of a request target, or undefined when it is not one: origin-form (`/path?query`) is
 * read relative to this server, absolute-form (`http://host/path`) must parse as a URL, and
 * anything else (`*`, a bare authority, a malformed host such as `http://%zz/`) is refused.
 */
export function requestUrl(target: string | undefined): URL | undefined {
  const value = target || '/';
  try {
    if (value.startsWith('/')) return new URL(`http://127.0.0.1${value}`);
    if (/^https?:\/\//i.test(value)) return new URL(value);
  } catch {
    return undefined;
  }
  return undefined;
}

function badRequest(res: ServerResponse, message: string): void {
  send(res, 400, { 'content-type': 'application/json; charset=utf-8', connection: 'close' }, JSON.stringify({ error: { code: 'bad_request', message } }));
}

/** Starts listening on 127.0.0.1; resolves with the bound port. */
export async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
