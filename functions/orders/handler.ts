import { secretSource } from '#shared/adapters/secrets.ts';
import { orderInputSchema } from '#shared/domain/order.ts';
import { json, jsonError, parseJsonBody, requireApiKey, type HttpEvent, type HttpResult } from '#shared/http/api.ts';
import { publicUrl } from '#shared/http/public-url.ts';
import { acceptOrder } from '#shared/use-cases/orders.ts';
import { deps } from '#shared/wiring.ts';

/** `POST /v1/orders`: records an order and schedules its survey invitation (202; 200 when known). */
export const handler = async (event: HttpEvent): Promise<HttpResult> => {
  try {
    requireApiKey(event, await secretSource().apiKey());
    const linkSecret = await secretSource().linkKeys();
    const input = parseJsonBody(event, orderInputSchema);
    const d = deps();
    const result = await acceptOrder(input, d, linkSecret, publicUrl(d.config, event));
    return json(result.created ? 202 : 200, {
      orderId: result.orderId,
      surveyUrl: result.surveyUrl,
      inviteAt: result.inviteAt,
    });
  } catch (error) {
    return jsonError(error);
  }
};
