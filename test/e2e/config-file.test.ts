import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMention } from '#shared/domain/mention.ts';
import { startBanner } from '#infra/local/banner.ts';
import { codeBlocks } from '../helpers/docs.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

// The documentation's own config file example, as a reader would copy it.
const example = codeBlocks('json')
  .map((block) => JSON.parse(block) as { owner?: { emails?: string[] }; business?: { name?: string } })
  .find((parsed) => parsed.owner?.emails?.length)!;
let stack: TestStack;

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'earshot-config-')), 'earshot.json');
  writeFileSync(file, JSON.stringify(example));
  // Nothing in the environment names the owner or the business: the file decides.
  stack = await startTestStack({ EARSHOT_CONFIG: file, EARSHOT_OWNER_EMAIL: '', EARSHOT_BUSINESS_NAME: '' });
});

afterAll(async () => {
  await stack?.stop();
});

describe('the documented config file on the local stack', () => {
  it('is the example with two owner addresses', () => {
    expect(example.owner!.emails).toHaveLength(2);
  });

  it('says in the start banner that alerts go to the file’s owner addresses', () => {
    expect(stack.config.owner.emails).toEqual(example.owner!.emails);
    expect(startBanner(stack, 1)).toContain(`Alerts go to ${example.owner!.emails!.join(', ')}.`);
    expect(startBanner(stack, 1)).toContain(`running for ${example.business!.name}`);
  });

  it('sends the owner’s alert to the file’s addresses', async () => {
    const body = JSON.stringify({
      source: 'Bluesky',
      externalId: 'config-1',
      author: { handle: '@pat.example', followers: 9000 },
      text: 'Worst service ever, waited an hour and the staff were rude',
      publishedAt: new Date().toISOString(),
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const answer = await stack.fetch('/v1/mentions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-earshot-timestamp': String(timestamp), 'x-earshot-signature': signMention('test-webhook-secret', timestamp, body) },
      body,
    });
    expect(answer.status).toBe(202);
    const emails = await stack.waitForEmails((all) => all.some((e) => e.subject.startsWith('URGENT:')));
    const alert = emails.find((e) => e.subject.startsWith('URGENT:'));
    expect(alert?.to).toEqual(example.owner!.emails);
  });
});
