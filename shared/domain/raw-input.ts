/** Where inbound mail is stored in the raw-input bucket (by the SES receipt rule, or the local stack). */
export const INBOUND_PREFIX = 'inbound/';
