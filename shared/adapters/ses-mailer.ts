import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { hygienicEmail } from '#shared/emails/hygiene.ts';
import type { Mailer, OutgoingEmail } from '#shared/ports/mailer.ts';

/**
 * Sends email through SES v2 (the local stack points it at the SES emulator), through the
 * configuration set when one is given, so SES reports bounces and complaints and applies the
 * suppression list.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly from: string,
    private readonly configurationSet?: string,
  ) {}

  /** Sends one email, made safe on the wire first (headers, invisible characters, line lengths). */
  async send(outgoing: OutgoingEmail): Promise<{ messageId: string }> {
    const email = hygienicEmail(outgoing);
    const headers = Object.entries(email.headers ?? {}).map(([Name, Value]) => ({ Name, Value }));
    const result = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: email.from ?? this.from,
        Destination: { ToAddresses: email.to },
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        ...(email.replyTo?.length ? { ReplyToAddresses: email.replyTo } : {}),
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
            ...(headers.length ? { Headers: headers } : {}),
          },
        },
      }),
    );
    return { messageId: result.MessageId ?? 'unknown' };
  }
}
