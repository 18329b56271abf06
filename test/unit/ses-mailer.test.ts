import { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { SesMailer } from '#shared/adapters/ses-mailer.ts';

/** The SendEmail requests a mailer makes, captured at the SDK's edge (no mail leaves). */
function capturingClient(): { client: SESv2Client; inputs: Array<Record<string, unknown>> } {
  const client = new SESv2Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const inputs: Array<Record<string, unknown>> = [];
  client.middlewareStack.add(
    () => async (args) => {
      inputs.push(args.input as Record<string, unknown>);
      return { output: { MessageId: 'captured', $metadata: {} }, response: {} } as never;
    },
    { step: 'initialize', name: 'capture' },
  );
  return { client, inputs };
}

describe('the SES mailer', () => {
  it('sends every email through the configuration set when one is configured, so SES reports bounces and complaints', async () => {
    const { client, inputs } = capturingClient();
    await new SesMailer(client, 'earshot@example.com', 'earshot-mail').send({ to: ['owner@example.com'], subject: 's', html: '<p>x</p>', text: 'x' });
    expect(inputs[0]).toMatchObject({ ConfigurationSetName: 'earshot-mail', FromEmailAddress: 'earshot@example.com' });
  });

  it("sends a console reply from the business's named address", async () => {
    const { client, inputs } = capturingClient();
    await new SesMailer(client, 'earshot@example.com').send({ from: '"Corner Bakery" <hello@cornerbakery.example>', to: ['maria@example.com'], subject: 's', html: '<p>x</p>', text: 'x' });
    expect(inputs[0]!.FromEmailAddress).toBe('"Corner Bakery" <hello@cornerbakery.example>');
    expect(inputs[0]!.ConfigurationSetName).toBeUndefined();
  });
});
