import type { LinkKeys } from '#shared/domain/link-keys.ts';

/** The secrets a function may read; each is read only when the function asks for it. */
export interface SecretSource {
  /** The API key callers send as `Authorization: Bearer <key>`. */
  apiKey(): Promise<string>;
  /** The HMAC key of the mentions webhook. */
  webhookSecret(): Promise<string>;
  /** The link keys: new links are signed with `current`; links verify with `current` or a `previous` key. */
  linkKeys(): Promise<LinkKeys>;
}
