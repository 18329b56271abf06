import { normaliseAddress } from '#shared/domain/mail-event.ts';
import type { Mailer, OutgoingEmail } from '#shared/ports/mailer.ts';
import type { SuppressionList } from '#shared/ports/suppression.ts';

/**
 * A mailer that never sends to a suppressed address (a permanent bounce or a complaint): those
 * recipients are left out, and with none left nothing is sent (`messageId` "suppressed"), so the
 * caller records the mail as done instead of retrying it.
 */
export class SuppressingMailer implements Mailer {
  constructor(
    private readonly inner: Mailer,
    private readonly suppressions: Pick<SuppressionList, 'suppressed'>,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string; suppressed?: string[] }> {
    const blocked = await this.suppressions.suppressed(email.to.map(normaliseAddress));
    if (!blocked.size) return this.inner.send(email);
    const to = email.to.filter((address) => !blocked.has(normaliseAddress(address)));
    const suppressed = email.to.filter((address) => blocked.has(normaliseAddress(address)));
    if (!to.length) return { messageId: 'suppressed', suppressed };
    return { ...(await this.inner.send({ ...email, to })), suppressed };
  }
}
