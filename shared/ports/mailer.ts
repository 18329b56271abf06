/** An email ready to send: both parts rendered, headers already free of CR/LF. */
export interface OutgoingEmail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  replyTo?: string[];
}

/** Sends email (SES in AWS and locally). */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}
