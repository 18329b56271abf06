import { orderInputSchema } from '#shared/domain/order.ts';
import { json, jsonError, parseJsonBody, requireApiKey, type HttpEvent, type HttpResult } from '#shared/http/api.ts';
import { publicUrl } from '#shared/http/public-url.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import type { FigureStore } from '#shared/ports/follow-through.ts';
import { acceptOrder } from '#shared/use-cases/orders.ts';

/** What the order intake uses. */
export type OrdersDeps = Pick<Deps, 'orders' | 'customers' | 'feedback' | 'stats' | 'config' | 'now'> & { secrets: SecretSource; figures: FigureStore };

/** `POST /v1/orders`: records an order and schedules its survey invitation (202; 200 when known). */
export function makeOrdersHandler(deps: OrdersDeps) {
  return async (event: HttpEvent): Promise<HttpResult> => {
    try {
      requireApiKey(event, await deps.secrets.apiKey());
      const linkSecret = await deps.secrets.linkKeys();
      const input = parseJsonBody(event, orderInputSchema);
      const result = await acceptOrder(input, deps, linkSecret, publicUrl(deps.config, event));
      return json(result.created ? 202 : 200, {
        orderId: result.orderId,
        surveyUrl: result.surveyUrl,
        inviteAt: result.inviteAt,
      });
    } catch (error) {
      return jsonError(error);
    }
  };
}
