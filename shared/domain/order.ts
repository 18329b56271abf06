import * as z from 'zod';

/** Order ids: printable, no spaces at the ends, no control characters. */
const orderId = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');

/** The body of `POST /v1/orders` (contract). Unknown fields are ignored. */
export const orderInputSchema = z.object({
  orderId,
  customer: z.object({
    email: z.email().max(254),
    name: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .regex(/^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]+$/, 'must not contain line breaks or control characters')
      .optional(),
    phone: z
      .string()
      .trim()
      .max(32)
      .regex(/^\+?[0-9 ().-]{5,}$/, 'expected a phone number')
      .optional(),
  }),
  total: z.number().finite().min(0).max(1e9).optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'expected a three-letter ISO 4217 code')
    .transform((c) => c.toUpperCase())
    .optional(),
  purchasedAt: z.iso.datetime({ offset: true }).optional(),
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
