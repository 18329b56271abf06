import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMention } from '#shared/domain/mention.ts';
import { TEST_ENV } from '../helpers/emulators.ts';
import { rawRequest } from '../helpers/raw-http.ts';
import { newDataDir, removeDataDir, startStackProcess, type StackProcess } from '../helpers/stack-process.ts';

/**
 * The local stack as `npm start` runs it, in a child process, fed hostile request lines, headers
 * and bodies over raw sockets: every one gets an HTTP answer that is not a server error, and the
 * process is still up and healthy afterwards.
 */
let stack: StackProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = newDataDir();
  stack = await startStackProcess({ dataDir });
});

afterAll(async () => {
  await stack?.stop();
  removeDataDir(dataDir);
});

const AUTH = `Authorization: Bearer ${TEST_ENV.EARSHOT_API_KEY}`;

/** A request with the given line, headers and body, closing the connection after the answer. */
function request(line: string, headers: string[] = [], body: string | Buffer = ''): Buffer {
  const head = [line, 'Host: 127.0.0.1', 'Connection: close', ...headers, ...(body.length ? [`Content-Length: ${Buffer.byteLength(body)}`] : []), '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')]);
}

function signedMention(body: string): string[] {
  const timestamp = Math.floor(Date.now() / 1000);
  return [`X-Earshot-Timestamp: ${timestamp}`, `X-Earshot-Signature: ${signMention(TEST_ENV.EARSHOT_WEBHOOK_SECRET, timestamp, body)}`, 'Content-Type: application/json'];
}

const REQUEST_LINES = [
  'GET http://%zz/ HTTP/1.1',
  'GET //[ HTTP/1.1',
  'GET http://a:b@/ HTTP/1.1',
  'GET http://[::1/ HTTP/1.1',
  'POST http://%zz/v1/orders HTTP/1.1',
  'GET * HTTP/1.1',
  'OPTIONS * HTTP/1.1',
  'GET ftp://127.0.0.1/healthz HTTP/1.1',
  'GET //127.0.0.1/healthz HTTP/1.1',
  'GET /%zz HTTP/1.1',
  'GET /s/%E0%A4%A HTTP/1.1',
  'GET /s/%00 HTTP/1.1',
  'GET /u/%ff%fe HTTP/1.1',
  'GET /v1/customers?email=%zz HTTP/1.1',
  'GET /v1/customers/%zz HTTP/1.1',
  'DELETE /v1/customers/..%2f..%2f HTTP/1.1',
  'GET /healthz?%zz=%zz&&==& HTTP/1.1',
  'GET /\x7f HTTP/1.1',
  'GET / HTTP/9.9',
  'GET /healthz HTTP/1.0',
  'BREW /coffee HTTP/1.1',
  'CONNECT 127.0.0.1:1 HTTP/1.1',
  `GET /${'a'.repeat(70_000)} HTTP/1.1`,
  'GET',
  'garbage without any structure',
];

describe('hostile request lines', () => {
  it.each(REQUEST_LINES.map((line) => [line.length > 80 ? `${line.slice(0, 60)}… (${line.length} chars)` : JSON.stringify(line), line]))('%s gets an HTTP answer', async (_name, line) => {
    // Act
    const answer = await rawRequest(stack.port, request(line, line.includes('/v1/') ? [AUTH] : []));

    // Assess
    expect(answer.status, answer.text.slice(0, 300)).toBeGreaterThanOrEqual(200);
    expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
    expect(stack.alive()).toBe(true);
  });
});

describe('hostile headers', () => {
  const cases: Array<[string, Buffer]> = [
    ['no Host header', Buffer.from('GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n')],
    ['a NUL byte in a header value', request('GET /healthz HTTP/1.1', ['X-Test: a\x00b'])],
    ['a space in a header name', request('GET /healthz HTTP/1.1', ['Bad Header: x'])],
    ['a negative Content-Length', request('POST /v1/orders HTTP/1.1', [AUTH, 'Content-Length: -1'])],
    ['two different Content-Lengths', request('POST /v1/orders HTTP/1.1', [AUTH, 'Content-Length: 2', 'Content-Length: 3'], '{}')],
    ['Content-Length and Transfer-Encoding together', request('POST /v1/orders HTTP/1.1', [AUTH, 'Transfer-Encoding: chunked'], '0\r\n\r\n')],
    ['a chunk size that is not hex', Buffer.from(`POST /v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${AUTH}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`)],
    ['a Content-Length far above the limit', request('POST /v1/orders HTTP/1.1', [AUTH, 'Content-Length: 99999999999'])],
    ['a 40 KB header', request('GET /healthz HTTP/1.1', [`X-Big: ${'b'.repeat(40_000)}`])],
    ['an API key of 10,000 characters', request('GET /v1/customers?email=a@example.com HTTP/1.1', [`Authorization: Bearer ${'k'.repeat(10_000)}`])],
    ['a broken cookie header', request('GET /s/abc HTTP/1.1', ['Cookie: ===;;;=; a'])],
    ['a charset nobody knows', request('POST /v1/orders HTTP/1.1', [AUTH, 'Content-Type: application/json; charset=utf-7'], '{"orderId":"X"}')],
    ['a webhook timestamp of 1e400', request('POST /v1/mentions HTTP/1.1', ['X-Earshot-Timestamp: 1e400', 'X-Earshot-Signature: sha256=zz', 'Content-Type: application/json'], '{}')],
    ['an Upgrade to websocket', request('GET /healthz HTTP/1.1', ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13'])],
    ['Expect: 100-continue', request('POST /v1/orders HTTP/1.1', [AUTH, 'Expect: 100-continue', 'Content-Type: application/json'], '{}')],
    ['Latin-1 bytes in a header', Buffer.from('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Name: caf\xe9\r\n\r\n', 'latin1')],
  ];

  it.each(cases)('%s gets an HTTP answer', async (_name, bytes) => {
    // Act
    const answer = await rawRequest(stack.port, bytes);

    // Assess
    expect(answer.status, answer.text.slice(0, 300)).toBeGreaterThanOrEqual(100);
    expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
    expect(stack.alive()).toBe(true);
  });
});

describe('hostile bodies', () => {
  const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
  const big = JSON.stringify({ source: 'Google', externalId: 'big-1', author: {}, text: 'y'.repeat(300_000), publishedAt: new Date().toISOString() });
  const cases: Array<[string, string, string[], string | Buffer]> = [
    ['malformed JSON', 'POST /v1/orders HTTP/1.1', [AUTH, 'Content-Type: application/json'], '{"orderId":'],
    ['JSON null', 'POST /v1/orders HTTP/1.1', [AUTH, 'Content-Type: application/json'], 'null'],
    ['a JSON array', 'POST /v1/survey-responses HTTP/1.1', ['Content-Type: application/json'], '[]'],
    ['a number too large for a double', 'POST /v1/orders HTTP/1.1', [AUTH, 'Content-Type: application/json'], '{"orderId":"A-1","customer":{"email":"a@example.com"},"total":1e999}'],
    ['nesting 200,000 deep', 'POST /v1/orders HTTP/1.1', [AUTH, 'Content-Type: application/json'], deep],
    ['invalid UTF-8', 'POST /v1/orders HTTP/1.1', [AUTH, 'Content-Type: application/json'], Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc0, 0x80, 0x22, 0x7d])],
    ['a __proto__ key', 'POST /v1/orders HTTP/1.1', [AUTH, 'Content-Type: application/json'], '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"orderId":"P-1","customer":{"email":"p@example.com"}}'],
    ['an order id of control characters', 'POST /v1/orders HTTP/1.1', [AUTH, 'Content-Type: application/json'], '{"orderId":"\\u0000\\r\\n","customer":{"email":"p@example.com"}}'],
    ['a form with broken percent escapes', 'POST /s/not-a-token HTTP/1.1', ['Content-Type: application/x-www-form-urlencoded'], 'score=%zz&comment=%E0%A4%A'],
    ['a survey token of 5,000 characters', 'POST /v1/survey-responses HTTP/1.1', ['Content-Type: application/json'], JSON.stringify({ token: 't'.repeat(5000), score: 3 })],
    ['a signed mention with 300 KB of text', 'POST /v1/mentions HTTP/1.1', signedMention(big), big],
    ['a signed mention that is not JSON', 'POST /v1/mentions HTTP/1.1', signedMention('{"source":'), '{"source":'],
    ['an inbound email of random bytes', 'POST /_local/inbound-email HTTP/1.1', ['Content-Type: message/rfc822'], Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ['an empty inbound email', 'POST /_local/inbound-email HTTP/1.1', ['Content-Type: message/rfc822'], ''],
    ['a body on a GET', 'GET /healthz HTTP/1.1', ['Content-Type: application/json'], '{"a":1}'],
  ];

  it.each(cases)('%s gets an HTTP answer', async (_name, line, headers, body) => {
    // Act
    const answer = await rawRequest(stack.port, request(line, headers, body));

    // Assess
    expect(answer.status, answer.text.slice(0, 300)).toBeGreaterThanOrEqual(200);
    expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
    expect(stack.alive()).toBe(true);
  });
});

it('is still up and healthy after all of them', async () => {
  // Act
  const health = await fetch(`${stack.url}/healthz`);

  // Assess
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true });
  expect(stack.alive()).toBe(true);
});
