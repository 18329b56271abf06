import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smokeCommand } from '../../cli/smoke.ts';
import { TEST_ENV } from '../helpers/emulators.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => (text += String(chunk)));
  return { stream, text: () => text };
}

describe('earshot smoke against the local stack', () => {
  it('posts a signed test mention and reports the SES message id of the owner’s alert', async () => {
    const out = capture();
    const err = capture();
    // Found through the data dir alone, as `npm run -s earshot -- smoke` in the project would, with
    // the environment the stack was started with (the stack keeps its own, it does not set process.env).
    const status = await smokeCommand([], out.stream, err.stream, { env: { ...process.env, ...TEST_ENV, EARSHOT_DATA_DIR: stack.config.dataDir, EARSHOT_PORT: '' } });
    expect(err.text()).toBe('');
    expect(status).toBe(0);
    const emails = await stack.outbox();
    const alert = emails.find((e) => e.subject === 'URGENT: Negative mention on Earshot smoke test');
    expect(alert).toBeDefined();
    expect(out.text()).toContain(`Posted a signed test mention to the local stack at ${stack.url}`);
    expect(out.text()).toContain(`SES message id: ${alert!.id}\n`);
    expect(out.text()).toContain(`went to ${stack.config.owner.emails.join(', ')}`);
  });

  it('fails plainly when the webhook secret is wrong', async () => {
    const out = capture();
    const err = capture();
    const status = await smokeCommand([], out.stream, err.stream, { env: { ...process.env, EARSHOT_DATA_DIR: stack.config.dataDir, EARSHOT_WEBHOOK_SECRET: 'not-the-secret' } });
    expect(status).toBe(1);
    expect(err.text()).toContain('answered 401');
  });

  it('says how to start or point at a stack when none runs on the data dir', async () => {
    const out = capture();
    const err = capture();
    const status = await smokeCommand([], out.stream, err.stream, { env: { ...process.env, EARSHOT_DATA_DIR: '/nonexistent/earshot' } });
    expect(status).toBe(1);
    expect(err.text()).toContain('No running stack for the data dir /nonexistent/earshot: start it with npm start');
  });
});
