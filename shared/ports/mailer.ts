/** An email ready to send: both parts rendered, headers already free of CR/LF. */
export interface OutgoingEmail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  replyTo?: string[];
  /** Sender (`"Name" <address>`) when not the system's own address: replies go out from the business's address. */
  from?: string;
}

/**
 * Sends email (SES in AWS and locally). `suppressed` lists recipients left out because they bounced
 * for good or complained; when all were, nothing is sent and `messageId` is "suppressed".
 */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string; suppressed?: string[] }>;
}
