import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from '#shared/domain/schema.ts';
import { MAX_BODY_BYTES } from '#shared/http/limits.ts';
import {
  ConflictError,
  GoneError,
  NotFoundError,
  PayloadTooLargeError,
  SecretsUnavailableError,
  UnauthorizedError,
  ValidationError,
} from '#shared/errors.ts';
import { logger } from '#shared/logger.ts';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

/** A header value, whatever case the client used (API Gateway lower-cases them; be safe anyway). */
export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** The raw request body as text, decoded when API Gateway base64-encoded it; size-checked. */
export function readBody(event: HttpEvent, limit = MAX_BODY_BYTES): string {
  const body = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.byteLength > limit) throw new PayloadTooLargeError(limit);
  return bytes.toString('utf8');
}

/** Turns zod issues into one sentence naming each field. */
export function describeIssues(error: z.core.$ZodError): { message: string; field: string | undefined } {
  const first = error.issues[0];
  const field = first?.path.length ? first.path.join('.') : undefined;
  const message = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
  return { message, field };
}

/** Validates a value against a schema; a ValidationError names the field. */
export function validate<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const { message, field } = describeIssues(result.error);
    throw new ValidationError(message, field);
  }
  return result.data;
}

/** Parses a JSON body and validates it. Malformed JSON and schema violations are 400s. */
export function parseJsonBody<S extends z.ZodMiniType>(event: HttpEvent, schema: S): z.infer<S> {
  const text = readBody(event);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError('body: malformed JSON', 'body');
  }
  return validate(schema, value);
}

/** Checks `Authorization: Bearer <api key>` in constant time. */
export function requireApiKey(event: HttpEvent, apiKey: string): void {
  const match = /^Bearer\s+(.+)$/i.exec(header(event, 'authorization') ?? '');
  const given = Buffer.from(match?.[1]?.trim() ?? '');
  const expected = Buffer.from(apiKey);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new UnauthorizedError('missing or invalid API key');
  }
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** A JSON answer. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

/** An HTML answer with the strict page headers. `csp` is the page's Content-Security-Policy. */
export function page(statusCode: number, markup: string, csp: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'x-frame-options': 'DENY',
      ...SECURITY_HEADERS,
      ...headers,
    },
    body: markup,
  };
}

/** Status and code of each kind of error; anything else is a 500 that reveals nothing. */
export function errorStatus(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof ValidationError) return { status: 400, code: 'invalid_request', message: error.message };
  if (error instanceof UnauthorizedError) return { status: 401, code: 'unauthorized', message: error.message };
  if (error instanceof NotFoundError) return { status: 404, code: 'not_found', message: error.message };
  if (error instanceof ConflictError) return { status: 409, code: 'conflict', message: error.message };
  if (error instanceof GoneError) return { status: 410, code: error.reason, message: error.message };
  if (error instanceof PayloadTooLargeError) return { status: 413, code: 'payload_too_large', message: error.message };
  if (error instanceof SecretsUnavailableError) {
    // The operator's problem (a secret missing or hand-edited): logged with the secret's name, and the
    // caller told to try again later, never shown the value or a bare 500.
    logger.error('secret unavailable', { error: { name: error.name, message: error.message } });
    return { status: 503, code: 'unavailable', message: 'the service is not ready; please try again later' };
  }
  logger.error('unexpected error', { error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
  return { status: 500, code: 'internal_error', message: 'something went wrong on our side; please try again' };
}

/** Maps any error to the contract's JSON error body. */
export function jsonError(error: unknown): HttpResult {
  const { status, code, message } = errorStatus(error);
  return json(status, { error: { code, message } });
}
