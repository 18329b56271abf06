import { describe, expect, it } from 'vitest';
import { createSecretSource } from '#shared/adapters/secrets.ts';
import type { SecretReader } from '#shared/adapters/secrets-manager.ts';
import { parseConfig } from '#shared/config.ts';
import { rotatedLinkSecret, readLinkSecret } from '#shared/domain/secret-values.ts';
import { createSurveyToken, verifySurveyToken } from '#shared/domain/survey-link.ts';
import { unsubscribeToken, verifyUnsubscribeToken } from '#shared/domain/unsubscribe-link.ts';
import { SecretsUnavailableError } from '#shared/errors.ts';
import { jsonError, requireApiKey } from '#shared/http/api.ts';
import { httpEvent } from '../helpers/events.ts';

const ARNS = {
  EARSHOT_API_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:EarshotData/api-key-AbCdEf',
  EARSHOT_WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:EarshotData/webhook-secret-AbCdEf',
  EARSHOT_LINK_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:EarshotData/link-key-AbCdEf',
};
const KEY_A = 'A'.repeat(48);
const KEY_B = 'B'.repeat(48);
const LINK_1 = 'first-link-key-0123456789abcdefghijklmnop';
const LINK_2 = 'second-link-key-0123456789abcdefghijklmno';
const MINUTE = 60_000;

/** Secrets Manager as the functions see it: a value per secret id that the operator may change, with every read counted. */
function store(initial: Record<string, string>) {
  const values = new Map(Object.entries(initial));
  const reads: string[] = [];
  const reader: SecretReader = {
    read: async (id) => {
      reads.push(id);
      return values.get(id);
    },
  };
  return { reader, reads, put: (id: string, value: string) => values.set(id, value) };
}

function clock(start = Date.parse('2026-03-02T09:00:00Z')) {
  let at = start;
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

// In AWS the functions have no secret values in their configuration, only the secrets' ARNs.
const awsConfig = (extra: Record<string, unknown> = {}) => parseConfig({ survey: { inviteDelayHours: 72, linkTtlDays: 30 }, ...extra }, ARNS);

const accepts = (apiKey: string, given: string) => {
  try {
    requireApiKey(httpEvent({ method: 'POST', routePath: '/v1/orders', headers: { authorization: `Bearer ${given}` } }), apiKey);
    return true;
  } catch {
    return false;
  }
};

describe('secrets read from Secrets Manager, with a bounded cache', () => {
  it('takes a rotated API key within five minutes, after which the old key stops working', async () => {
    const sm = store({ [ARNS.EARSHOT_API_KEY_SECRET_ARN]: KEY_A });
    const time = clock();
    const secrets = createSecretSource(awsConfig(), { reader: sm.reader, now: time.now });
    expect(accepts(await secrets.apiKey(), KEY_A)).toBe(true);

    time.advance(2 * MINUTE);
    sm.put(ARNS.EARSHOT_API_KEY_SECRET_ARN, KEY_B); // the owner rotates the key
    // A warm function keeps the value it read for at most five minutes...
    time.advance(2 * MINUTE);
    expect(accepts(await secrets.apiKey(), KEY_A)).toBe(true);
    // ...so within five minutes of the rotation the new key works and the old one is refused.
    time.advance(1 * MINUTE);
    expect(accepts(await secrets.apiKey(), KEY_B)).toBe(true);
    expect(accepts(await secrets.apiKey(), KEY_A)).toBe(false);
    expect(sm.reads).toHaveLength(2);
  });

  it('reads each secret once per five minutes however many requests come, and only the secrets asked for', async () => {
    const sm = store({ [ARNS.EARSHOT_WEBHOOK_SECRET_ARN]: KEY_A });
    const time = clock();
    const secrets = createSecretSource(awsConfig(), { reader: sm.reader, now: time.now });
    await Promise.all(Array.from({ length: 20 }, () => secrets.webhookSecret()));
    time.advance(5 * MINUTE - 1);
    await secrets.webhookSecret();
    expect(sm.reads).toEqual([ARNS.EARSHOT_WEBHOOK_SECRET_ARN]);
  });

  it('keeps links sent before a link-key rotation working for the links’ lifetime, then only new links', async () => {
    const sm = store({ [ARNS.EARSHOT_LINK_SECRET_ARN]: JSON.stringify({ current: LINK_1 }) });
    const time = clock();
    const config = awsConfig();
    const secrets = createSecretSource(config, { reader: sm.reader, now: time.now });
    const sent = createSurveyToken(await secrets.linkKeys());
    const unsubscribe = unsubscribeToken(await secrets.linkKeys(), 'ana@shop.example');

    time.advance(10 * MINUTE);
    sm.put(ARNS.EARSHOT_LINK_SECRET_ARN, JSON.stringify(rotatedLinkSecret(readLinkSecret(JSON.stringify({ current: LINK_1 })), LINK_2, time.now())));
    time.advance(5 * MINUTE);
    const keys = await secrets.linkKeys();
    expect(keys.current).toBe(LINK_2);
    const fresh = createSurveyToken(keys);
    expect(verifySurveyToken(keys, fresh.token)).toBe(fresh.surveyId);
    expect(verifySurveyToken(keys, sent.token)).toBe(sent.surveyId);
    expect(verifyUnsubscribeToken(keys, unsubscribe)).toBe('ana@shop.example');
    // A link signed with the new key alone does not verify with the old key alone: the keys differ.
    expect(verifySurveyToken(LINK_1, fresh.token)).toBeUndefined();

    // The lifetime of a link: the invitation delay (72 h) plus the survey link's 30 days.
    const lifetime = (72 + 30 * 24) * 60 * MINUTE;
    time.advance(lifetime - 5 * MINUTE - 1);
    expect(verifySurveyToken(await secrets.linkKeys(), sent.token)).toBe(sent.surveyId);
    time.advance(1);
    expect(verifySurveyToken(await secrets.linkKeys(), sent.token)).toBeUndefined();
    expect(verifySurveyToken(await secrets.linkKeys(), fresh.token)).toBe(fresh.surveyId);
  });

  it('answers a missing or malformed secret with an error naming it (503), never a bare 500, and tries again on the next request', async () => {
    const sm = store({ [ARNS.EARSHOT_API_KEY_SECRET_ARN]: 'short', [ARNS.EARSHOT_LINK_SECRET_ARN]: '{"linkSecret":"x"}' });
    const time = clock();
    const secrets = createSecretSource(awsConfig(), { reader: sm.reader, now: time.now });
    await expect(secrets.apiKey()).rejects.toThrow(SecretsUnavailableError);
    await expect(secrets.apiKey()).rejects.toThrow('secret apiKey: at least 16 characters');
    await expect(secrets.linkKeys()).rejects.toThrow(/secret linkSecret: current: /);
    await expect(secrets.webhookSecret()).rejects.toThrow('secret webhookSecret: has no value');
    const answer = jsonError(await secrets.apiKey().catch((error: unknown) => error));
    expect(answer.statusCode).toBe(503);
    expect(JSON.parse(answer.body!)).toEqual({ error: { code: 'unavailable', message: 'the service is not ready; please try again later' } });
    expect(answer.body).not.toContain('short');
    // Fixed by the operator: the next request reads it again (a failed read is not kept).
    sm.put(ARNS.EARSHOT_API_KEY_SECRET_ARN, KEY_A);
    expect(await secrets.apiKey()).toBe(KEY_A);
  });

  it('refuses a secret the function was not given', async () => {
    const secrets = createSecretSource(parseConfig({}, { EARSHOT_LINK_SECRET_ARN: ARNS.EARSHOT_LINK_SECRET_ARN }), { reader: store({}).reader });
    await expect(secrets.apiKey()).rejects.toThrow('secret apiKey: not configured for this function (EARSHOT_API_KEY_SECRET_ARN)');
  });

  it('uses values set in the configuration as they are (local runs)', async () => {
    const sm = store({});
    const secrets = createSecretSource(parseConfig({}, { EARSHOT_API_KEY: 'local-dev-key', EARSHOT_LINK_SECRET: 'local-link-secret-0123' }), { reader: sm.reader });
    expect(await secrets.apiKey()).toBe('local-dev-key');
    expect(await secrets.linkKeys()).toEqual({ current: 'local-link-secret-0123', previous: [] });
    expect(sm.reads).toEqual([]);
  });
});
