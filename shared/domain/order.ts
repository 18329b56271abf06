import * as z from '#shared/domain/schema.ts';

/** Order ids: printable, no spaces at the ends, no control characters. */
const orderId = z.string().check(z.trim(), z.minLength(1), z.maxLength(128), z.regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters'));

/** The body of `POST /v1/orders` (contract). Unknown fields are ignored. */
export const orderInputSchema = z.object({
  orderId,
  customer: z.object({
    email: z.email().check(z.maxLength(254)),
    name: z.optional(
      z.string().check(z.trim(), z.minLength(1), z.maxLength(120), z.regex(/^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]+$/, 'must not contain line breaks or control characters')),
    ),
    phone: z.optional(z.string().check(z.trim(), z.maxLength(32), z.regex(/^\+?[0-9 ().-]{5,}$/, 'expected a phone number'))),
  }),
  total: z.optional(z.number().check(z.minimum(0), z.maximum(1e9))),
  currency: z.optional(
    z.pipe(
      z.string().check(z.regex(/^[A-Za-z]{3}$/, 'expected a three-letter ISO 4217 code')),
      z.transform((c: string) => c.toUpperCase()),
    ),
  ),
  purchasedAt: z.optional(z.iso.datetime({ offset: true })),
});

export type OrderInput = z.infer<typeof orderInputSchema>;

/** An order as stored. */
export interface Order {
  orderId: string;
  email: string;
  name?: string;
  phone?: string;
  total?: number;
  currency?: string;
  purchasedAt: string;
  inviteAt: string;
  surveyId: string;
  surveyUrl: string;
  createdAt: string;
  invitedAt?: string;
}

/** Lower-cases and trims an email address so one customer has one key whatever they type. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** When the survey invitation is due: purchase time plus the configured delay. */
export function inviteTime(purchasedAt: Date, delayHours: number): Date {
  return new Date(purchasedAt.getTime() + delayHours * 3_600_000);
}
