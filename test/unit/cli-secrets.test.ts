import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { secretsCommand, type SecretsManagerApi } from '../../cli/secrets.ts';
import { linkKeysAt, linkLifetimeMs, readLinkSecret, readSharedKey } from '#shared/domain/secret-values.ts';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => (text += String(chunk)));
  return { stream, text: () => text };
}

/** Secrets Manager's Get and Put on named secrets, as the command calls them. */
function secretsManager(values: Record<string, string>): SecretsManagerApi & { values: Record<string, string> } {
  return {
    values,
    send: async (command) => {
      const id = command.input.SecretId!;
      if (command instanceof GetSecretValueCommand) return { SecretString: values[id] };
      if (command instanceof PutSecretValueCommand) {
        values[id] = command.input.SecretString!;
        return { VersionId: 'v2' };
      }
      throw new Error('unexpected command');
    },
  };
}

describe('earshot secrets', () => {
  it('show: tells the deployer where to read the API key and webhook secret, and which values the local stack uses', async () => {
    const out = capture();
    const dataDir = mkdtempSync(join(tmpdir(), 'earshot-secrets-'));
    const status = await secretsCommand(['show'], out.stream, capture().stream, { env: { EARSHOT_DATA_DIR: dataDir, EARSHOT_WEBHOOK_SECRET: 'from-env-secret' } });
    expect(status).toBe(0);
    const text = out.text();
    expect(text).toContain('API key         secret EarshotData/api-key');
    expect(text).toContain('aws secretsmanager get-secret-value --secret-id EarshotData/api-key --query SecretString --output text');
    expect(text).toContain('aws secretsmanager get-secret-value --secret-id EarshotData/webhook-secret --query SecretString --output text');
    expect(text).toContain('ApiKeySecretArn, WebhookSecretArn, LinkSecretArn');
    expect(text).toContain('API key         local-dev-key   (the local default; set EARSHOT_API_KEY or secrets.apiKey in the config file)');
    expect(text).toContain('Webhook secret  from-env-secret   (from EARSHOT_WEBHOOK_SECRET)');
    expect(text).toContain(`generated into ${join(dataDir, 'link-secret')} on the first start`);
  });

  it('show --reveal: reads the deployed values', async () => {
    const out = capture();
    const sm = secretsManager({ 'Shop/api-key': 'A'.repeat(48), 'Shop/webhook-secret': 'W'.repeat(48) });
    expect(await secretsCommand(['show', '--stack', 'Shop', '--reveal'], out.stream, capture().stream, { env: {}, client: sm })).toBe(0);
    expect(out.text()).toContain(`API key now: ${'A'.repeat(48)}`);
    expect(out.text()).toContain(`Webhook secret now: ${'W'.repeat(48)}`);
  });

  it('rotate link-key: keeps the previous key for the links already sent', async () => {
    const sm = secretsManager({ 'EarshotData/link-key': JSON.stringify({ current: 'c'.repeat(48) }) });
    const now = new Date('2026-03-02T09:00:00Z');
    const out = capture();
    expect(await secretsCommand(['rotate', 'link-key'], out.stream, capture().stream, { env: {}, client: sm, now: () => now })).toBe(0);
    const value = readLinkSecret(sm.values['EarshotData/link-key']);
    expect(value).toMatchObject({ previous: 'c'.repeat(48), rotatedAt: now.toISOString() });
    expect(value.current).toMatch(/^[A-Za-z0-9]{48}$/);
    const lifetime = linkLifetimeMs({ inviteDelayHours: 72, linkTtlDays: 30 });
    expect(linkKeysAt(value, new Date(now.getTime() + lifetime - 1), lifetime).previous).toEqual(['c'.repeat(48)]);
    expect(out.text()).toContain('links already sent keep working for 33 days');
  });

  it('rotate api-key: puts a new generated value and prints it for the integration', async () => {
    const sm = secretsManager({ 'EarshotData/api-key': 'A'.repeat(48) });
    const out = capture();
    expect(await secretsCommand(['rotate', 'api-key'], out.stream, capture().stream, { env: {}, client: sm })).toBe(0);
    const value = sm.values['EarshotData/api-key']!;
    expect(readSharedKey('apiKey', value)).not.toBe('A'.repeat(48));
    expect(out.text()).toContain(`New value:\n${value}\n`);
    expect(out.text()).toContain('the old value stops working');
  });

  it('explains its usage', async () => {
    const err = capture();
    expect(await secretsCommand(['rotate', 'everything'], capture().stream, err.stream, { env: {} })).toBe(2);
    expect(err.text()).toContain('secrets rotate <api-key|webhook-secret|link-key>');
  });
});
