import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { signingKey, verificationKeys, type LinkSecret } from '#shared/domain/link-keys.ts';

/** Length of the random survey id in the token (base64url characters; 72 random bits). */
const ID_LENGTH = 12;
/** Length of the truncated HMAC in the token (base64url characters; 96 bits). */
const MAC_LENGTH = 16;
const TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${ID_LENGTH + MAC_LENGTH}}$`);

/**
 * Creates a new survey token: a random id plus a truncated HMAC of it. 28 characters, so the whole
 * survey URL stays far under 100 characters and fits an SMS. The id is stored with the order; the
 * MAC lets a tampered or guessed token be refused without a database read.
 */
export function createSurveyToken(secret: LinkSecret): { surveyId: string; token: string } {
  const surveyId = randomBytes((ID_LENGTH * 3) / 4).toString('base64url');
  return { surveyId, token: surveyId + mac(signingKey(secret), surveyId) };
}

/**
 * Returns the survey id of a well-formed token signed with the current key or a previous one still
 * accepted (links sent before a key rotation keep working), or undefined.
 */
export function verifySurveyToken(secret: LinkSecret, token: string): string | undefined {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const surveyId = token.slice(0, ID_LENGTH);
  const given = Buffer.from(token.slice(ID_LENGTH));
  const valid = verificationKeys(secret).some((key) => {
    const expected = Buffer.from(mac(key, surveyId));
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return valid ? surveyId : undefined;
}

/** The public URL of a survey. */
export function surveyUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/s/${token}`;
}

function mac(secret: string, surveyId: string): string {
  return createHmac('sha256', secret)
    .update(`survey:${surveyId}`)
    .digest('base64url')
    .slice(0, MAC_LENGTH);
}
