import type { Config } from '#shared/config.ts';
import type { HttpEvent } from '#shared/http/api.ts';

/** Base URL for links in emails: configured, else the API's own domain (behind API Gateway, HTTPS). */
export function publicUrl(cfg: Config, event: HttpEvent): string {
  if (cfg.http.publicUrl) return cfg.http.publicUrl.replace(/\/+$/, '');
  return `https://${event.requestContext.domainName}`;
}
