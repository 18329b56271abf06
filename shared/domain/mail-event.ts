import * as z from '#shared/domain/schema.ts';

/**
 * What SES publishes about mail Earshot sent, through the configuration set's event destination
 * (SNS, then the mail-events queue): bounces and complaints. The shape is SES's event record
 * (`eventType`), or the older notification (`notificationType`) if an identity publishes directly;
 * the SNS envelope is unwrapped when raw message delivery is off. Unknown fields are ignored, as SES
 * reserves the right to add them.
 */
const recipient = z.object({ emailAddress: z.string().check(z.minLength(3), z.maxLength(320)) });

const bounce = z.object({
  bounceType: z.enum(['Undetermined', 'Permanent', 'Transient']),
  bounceSubType: z.optional(z.string().check(z.maxLength(100))),
  bouncedRecipients: z.array(recipient).check(z.minLength(1), z.maxLength(100)),
  timestamp: z.optional(z.string()),
  feedbackId: z.string().check(z.minLength(1), z.maxLength(200)),
});

const complaint = z.object({
  complainedRecipients: z.array(recipient).check(z.minLength(1), z.maxLength(100)),
  timestamp: z.optional(z.string()),
  feedbackId: z.string().check(z.minLength(1), z.maxLength(200)),
  complaintFeedbackType: z.optional(z.string().check(z.maxLength(100))),
});

const mail = z.object({ messageId: z.string().check(z.minLength(1), z.maxLength(200)), timestamp: z.optional(z.string()) });

const bounceRecord = z.object({ bounce, mail });
const complaintRecord = z.object({ complaint, mail });

/** A bounce or complaint, reduced to what Earshot acts on. */
export interface MailEvent {
  kind: 'bounce' | 'complaint';
  /** SES's id of this feedback (the same event delivered twice has the same id). */
  id: string;
  /** A permanent bounce or a complaint: never mail these addresses again. */
  suppress: boolean;
  recipients: string[];
  /** Why, in a few words: `Permanent/General`, `complaint: abuse`. */
  reason: string;
  messageId: string;
  at?: string;
}

/** Other event types SES may publish to the destination (deliveries, sends): not acted on. */
export type MailEventResult = { event: MailEvent } | { ignored: string } | { invalid: string };

/** Reads one queue message body: an SES event record, possibly inside an SNS notification. */
export function parseMailEvent(body: string): MailEventResult {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { invalid: 'message body is not JSON' };
  }
  if (typeof json === 'object' && json !== null && (json as { Type?: unknown }).Type === 'Notification' && typeof (json as { Message?: unknown }).Message === 'string') {
    return parseMailEvent((json as { Message: string }).Message);
  }
  const type = typeof json === 'object' && json !== null ? ((json as { eventType?: unknown; notificationType?: unknown }).eventType ?? (json as { notificationType?: unknown }).notificationType) : undefined;
  if (typeof type === 'string' && type !== 'Bounce' && type !== 'Complaint') return { ignored: type };
  if (typeof type !== 'string' && type !== undefined) return { invalid: 'eventType: expected a string' };
  if (type === undefined) return { invalid: 'not an SES event (no eventType or notificationType)' };
  const describe = (error: z.core.$ZodError) => error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
  if (type === 'Bounce') {
    const parsed = bounceRecord.safeParse(json);
    if (!parsed.success) return { invalid: describe(parsed.error) };
    const { bounceType, bounceSubType, bouncedRecipients, feedbackId, timestamp } = parsed.data.bounce;
    return {
      event: {
        kind: 'bounce',
        id: feedbackId,
        suppress: bounceType === 'Permanent',
        recipients: bouncedRecipients.map((r) => normaliseAddress(r.emailAddress)),
        reason: `${bounceType}${bounceSubType ? `/${bounceSubType}` : ''}`,
        messageId: parsed.data.mail.messageId,
        ...(timestamp ? { at: timestamp } : {}),
      },
    };
  }
  const parsed = complaintRecord.safeParse(json);
  if (!parsed.success) return { invalid: describe(parsed.error) };
  const { complainedRecipients, feedbackId, timestamp, complaintFeedbackType } = parsed.data.complaint;
  return {
    event: {
      kind: 'complaint',
      id: feedbackId,
      suppress: true,
      recipients: complainedRecipients.map((r) => normaliseAddress(r.emailAddress)),
      reason: `complaint${complaintFeedbackType ? `: ${complaintFeedbackType}` : ''}`,
      messageId: parsed.data.mail.messageId,
      ...(timestamp ? { at: timestamp } : {}),
    },
  };
}

/** An address as SES reports it, bare and lower-case (`"Ana" <Ana@Shop.example>` -> `ana@shop.example`). */
export function normaliseAddress(address: string): string {
  const bracketed = /<([^<>]+)>\s*$/.exec(address);
  return (bracketed ? bracketed[1]! : address).trim().toLowerCase();
}
