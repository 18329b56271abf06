import { mentionSchema, verifySignature } from '#shared/domain/mention.ts';
import { PayloadTooLargeError, UnauthorizedError, ValidationError } from '#shared/errors.ts';
import { header, json, jsonError, validate, type HttpEvent, type HttpResult } from '#shared/http/api.ts';
import { MAX_BODY_BYTES } from '#shared/http/limits.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import { receiveMention } from '#shared/use-cases/mentions.ts';

/** What the mentions webhook uses. */
export type MentionsDeps = Pick<Deps, 'mentions' | 'archive' | 'queue' | 'customers' | 'config' | 'now'> & { secrets: SecretSource };

/**
 * `POST /v1/mentions`: the signed webhook for social mentions and reviews. 202 `{id}` for a new
 * mention, 200 `{id, duplicate: true}` for one already received, 401 for a bad or stale signature,
 * 400 naming the field for an invalid body, 413 above 256 KiB.
 */
export function makeMentionsHandler(deps: MentionsDeps) {
  return async (event: HttpEvent): Promise<HttpResult> => {
    try {
      const body = event.body ?? '';
      const rawBody = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
      if (rawBody.byteLength > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
      const check = verifySignature({
        secret: await deps.secrets.webhookSecret(),
        timestamp: header(event, 'x-earshot-timestamp'),
        signature: header(event, 'x-earshot-signature'),
        rawBody,
        now: deps.now(),
      });
      if (!check.ok) throw new UnauthorizedError(check.reason);
      let parsed: unknown;
      try {
        parsed = JSON.parse(rawBody.toString('utf8'));
      } catch {
        throw new ValidationError('body: malformed JSON', 'body');
      }
      const mention = validate(mentionSchema, parsed);
      const receipt = await receiveMention(mention, { body: rawBody, contentType: 'application/json' }, deps);
      return receipt.duplicate ? json(200, { id: receipt.id, duplicate: true }) : json(202, { id: receipt.id });
    } catch (error) {
      return jsonError(error);
    }
  };
}
