import { emailLayout } from '#shared/emails/layout.ts';
import { html } from '#shared/web/html.ts';

/**
 * The hourly email that carries several first complaints (when the owner chose hourly batches):
 * each alert's plain text one after the other, so nothing is lost in the folding.
 */
export function alertBatchEmail(subject: string, texts: string[]): { html: string; text: string } {
  return {
    text: [subject, '', ...texts.map((text) => `${text}\n\n----------------------------------------\n`)].join('\n'),
    html: emailLayout({
      title: subject,
      body: html`<h1 style="margin:0 0 8px;font-size:20px;line-height:1.3;">${subject}</h1>
${texts.map((text) => html`<hr style="border:0;border-top:1px solid #e4e4e7;margin:16px 0;"><pre style="white-space:pre-wrap;overflow-wrap:anywhere;font-family:Arial,Helvetica,sans-serif;font-size:14px;margin:0;">${text}</pre>`)}`,
    }),
  };
}
