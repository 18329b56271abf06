import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMention } from '#shared/domain/mention.ts';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

const API_KEY = 'test-api-key-123';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ EARSHOT_INVITE_DELAY_HOURS: '0', EARSHOT_OWNER_EMAIL: 'owner@example.com,manager@example.com' });
});

afterAll(async () => {
  await stack?.stop();
});

async function surveyAnswer(orderId: string, customer: { email: string; name: string }, score: number, comment: string): Promise<void> {
  const order = await stack.fetch('/v1/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ orderId, customer, total: 25, currency: 'GBP' }),
  });
  const { surveyUrl } = (await order.json()) as { surveyUrl: string };
  const answer = await stack.fetch('/v1/survey-responses', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: new URL(surveyUrl).pathname.split('/').pop(), score, comment }),
  });
  expect(answer.status).toBe(202);
}

function email(from: string, id: string, text: string, extra = ''): string {
  return [`From: ${from}`, 'To: hello@cornerbakery.example', 'Subject: Feedback', `Message-ID: <${id}>`, 'Content-Type: text/plain; charset=utf-8', ...(extra ? [extra] : []), '', text, ''].join('\r\n');
}

describe('the weekly digest on the local stack', () => {
  it('arrives after a small week with the right numbers, praised staff, open and repeat complaints, escaped', async () => {
    const hostile = { email: 'ana@example.com', name: 'Ana <script>alert(1)</script>' };
    await surveyAnswer('D-1', { email: 'jo@example.com', name: 'Jo Baker' }, 10, 'Donna at the front desk was lovely, thank you!');
    await surveyAnswer('D-2', hostile, 2, 'The bread was stale <img src=x onerror=alert(1)>');
    await surveyAnswer('D-3', { email: 'lee@example.com', name: 'Lee Park' }, 9, 'Great cake, thanks to Sam.');
    await stack.fetch('/_local/inbound-email', { method: 'POST', body: email('Ana <ana@example.com>', 'd-mail-1@example.com', 'And today the order was late again. Still no apology.') });
    await stack.fetch('/_local/inbound-email', { method: 'POST', body: email('Away <away@example.com>', 'd-mail-2@example.com', 'I am out of the office.', 'Auto-Submitted: auto-replied') });
    const body = JSON.stringify({ source: 'Bluesky', externalId: 'd-m-1', author: { handle: '@kim.example' }, text: 'Lovely croissants, best in town!', publishedAt: new Date().toISOString() });
    const ts = Math.floor(Date.now() / 1000);
    await stack.fetch('/v1/mentions', { method: 'POST', headers: { 'content-type': 'application/json', 'x-earshot-timestamp': String(ts), 'x-earshot-signature': signMention('test-webhook-secret', ts, body) }, body });
    await stack.waitForEmails((all) => all.some((e) => e.subject.startsWith('URGENT: Second complaint')));
    // Every item of the week is processed (and counted, the repeat complainer too) before the digest is built.
    for (let i = 0; i < 400; i += 1) {
      const preview = (await (await stack.fetch('/_local/digest/preview')).json()) as { text: string };
      if (preview.text.includes('Total: 5,') && preview.text.includes('1 input skipped') && preview.text.includes('REPEAT COMPLAINERS')) break;
      await new Promise((r) => setTimeout(r, 50));
    }

    const run = await stack.fetch('/_local/run/digest', { method: 'POST' });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ sent: 2 });
    const digests = (await stack.outbox()).filter((e) => e.subject.startsWith('Weekly digest: Corner Bakery, '));
    expect(digests.map((d) => d.to[0]).sort()).toEqual(['manager@example.com', 'owner@example.com']);
    const digest = digests.find((d) => d.to[0] === 'owner@example.com')!;
    expect(digest.subject).toMatch(/^Weekly digest: Corner Bakery, \d{1,2} \w{3} \d{4} to \d{1,2} \w{3} \d{4}$/);
    expect(digest.text).toContain('Total: 5');
    expect(digest.text).toContain('Survey 3, email 1, social and reviews 1');
    expect(digest.text).toContain('Complaints: 2');
    expect(digest.text).toMatch(/Donna, named 1 time/);
    expect(digest.text).toMatch(/Sam, named 1 time/);
    expect(digest.text).toContain('REPEAT COMPLAINERS');
    expect(digest.text).toMatch(/OPEN COMPLAINTS[\s\S]*stale/);
    expect(digest.text).toContain('1 input skipped');
    expect(digest.html).not.toMatch(/<script|<img/);
    expect(digest.html).toContain('Ana &lt;script&gt;');
    expect(digest.headers['List-Unsubscribe']).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/u\/[\w-]+\.[\w-]+>$/);
    expect(digest.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('honours the unsubscribe link: the next digest skips that recipient', async () => {
    const digest = (await stack.outbox()).find((e) => e.subject.startsWith('Weekly digest') && e.to[0] === 'manager@example.com')!;
    const link = digest.headers['List-Unsubscribe']!.slice(1, -1);
    const path = new URL(link).pathname;
    const confirm = await stack.fetch(path);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('manager@example.com');
    const done = await stack.fetch(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect((await stack.fetch(`${path.slice(0, -2)}xx`)).status).toBe(404);
    await stack.clearOutbox();
    expect(await (await stack.fetch('/_local/run/digest', { method: 'POST' })).json()).toMatchObject({ sent: 1, skipped: 1 });
    expect((await stack.outbox()).map((e) => e.to[0])).toEqual(['owner@example.com']);
  });
});

describe('earshot digest --preview', { timeout: 150_000 }, () => {
  // Asynchronous: the stack serving the CLI runs in this process, which must stay responsive.
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn('npx', ['tsx', 'cli/earshot.ts', 'digest', ...args], { env: { ...process.env, CI: 'true', ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += String(chunk)));
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('close', (status) => {
        clearTimeout(timer);
        done({ status, stdout, stderr });
      });
    });

  it('finds the running stack through its data dir, whatever port it runs on, and says which data it read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-preview-'));
    try {
      // The stack runs on a free port; the CLI is given only its data dir (as a second terminal in the project would be).
      const result = await run(['--preview', '--out', join(dir, 'digest.html')], { EARSHOT_DATA_DIR: stack.config.dataDir, EARSHOT_PORT: '', EARSHOT_DYNAMODB_ENDPOINT: '', EARSHOT_SQS_ENDPOINT: '', EARSHOT_S3_ENDPOINT: '', EARSHOT_SES_ENDPOINT: '' });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Weekly digest: Corner Bakery, /);
      expect(result.stdout).toContain('FEEDBACK');
      expect(result.stdout).not.toContain('A quiet week');
      expect(result.stderr).toContain(`Read the running stack at ${stack.url} (data dir ${stack.config.dataDir})`);
      expect(readFileSync(join(dir, 'digest.html'), 'utf8')).toContain('<table role="presentation"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a stopped stack\'s data dir itself, and says which data it read and how to point elsewhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-preview-data-'));
    try {
      const result = await run(['--preview'], { EARSHOT_DATA_DIR: dir, EARSHOT_PORT: '1', EARSHOT_DYNAMODB_ENDPOINT: '', EARSHOT_LINK_SECRET_ARN: '' });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('A quiet week');
      expect(result.stderr).toContain(`Read the stored data in ${dir} (no stack is running on it). To preview another stack, set EARSHOT_DATA_DIR to its data dir.`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not invent an empty data dir: with no stack and no data it says where it looked', async () => {
    const dir = join(tmpdir(), `earshot-no-such-dir-${process.pid}`);
    const result = await run(['--preview'], { EARSHOT_DATA_DIR: dir, EARSHOT_PORT: '1', EARSHOT_DYNAMODB_ENDPOINT: '' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`No running stack and no data in ${dir} (EARSHOT_DATA_DIR).`);
    expect(existsSync(dir)).toBe(false);
  });

  it('explains its usage', async () => {
    const result = await run([], {});
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--preview');
  });
});
