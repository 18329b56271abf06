import { NotFoundError, ValidationError } from '#shared/errors.ts';
import { json, jsonError, parseJsonBody, requireApiKey, validate, type HttpEvent, type HttpResult } from '#shared/http/api.ts';
import type { SecretSource } from '#shared/ports/secrets.ts';
import * as z from '#shared/domain/schema.ts';
import {
  customerIdSchema,
  customerQuerySchema,
  eraseCustomer,
  feedbackIdSchema,
  findCustomer,
  identityInputSchema,
  linkIdentity,
  toIdentity,
  viewCustomer,
} from '#shared/use-cases/customer-admin.ts';
import type { Deps } from '#shared/use-cases/deps.ts';
import type { CheckInRepository, PromiseRepository } from '#shared/ports/follow-through.ts';

/** What the customer API uses. */
export type CustomersDeps = Pick<Deps, 'customers' | 'feedback' | 'orders' | 'alerts' | 'stats' | 'cases' | 'archive' | 'config' | 'now'> & {
  secrets: SecretSource;
  promises: PromiseRepository;
  checkIns: CheckInRepository;
};

/**
 * Customer profiles (API key): `GET /v1/customers?email=|phone=|handle=&source=` finds one,
 * `GET /v1/customers/{id}` shows it with its history, `POST /v1/customers/{id}/identities` links a
 * handle, email or phone by hand, `DELETE /v1/customers/{id}` erases the customer's personal data,
 * `POST /v1/feedback/{id}/handled` takes a complaint off the digest's open list.
 */
export function makeCustomersHandler(deps: CustomersDeps) {
  return async (event: HttpEvent): Promise<HttpResult> => {
    try {
      requireApiKey(event, await deps.secrets.apiKey());
      const rawId = event.pathParameters?.id;
      // Ids and queries are checked for what they can be before any key is built from them.
      const idSchema = event.routeKey.startsWith('POST /v1/feedback/') ? feedbackIdSchema : customerIdSchema;
      const id = rawId === undefined ? '' : validate(z.object({ id: idSchema }), { id: rawId }).id;
      switch (event.routeKey) {
        case 'GET /v1/customers': {
          const query = validate(customerQuerySchema, event.queryStringParameters ?? {});
          const type = (['email', 'phone', 'handle'] as const).find((t) => query[t]);
          if (!type) throw new ValidationError('query: give email, phone, or handle with source', 'query');
          const customerId = await findCustomer(toIdentity({ type, value: query[type]!, ...(query.source ? { source: query.source } : {}) }), deps);
          return json(200, await viewCustomer(customerId, deps));
        }
        case 'GET /v1/customers/{id}':
          return json(200, await viewCustomer(id, deps));
        case 'POST /v1/customers/{id}/identities': {
          const input = parseJsonBody(event, identityInputSchema);
          const profile = await linkIdentity(id, toIdentity(input), deps);
          return json(200, await viewCustomer(profile.customerId, deps));
        }
        case 'DELETE /v1/customers/{id}':
          return json(200, await eraseCustomer(id, deps));
        case 'POST /v1/feedback/{id}/handled': {
          if (!(await deps.feedback.markHandled(id, deps.now()))) throw new NotFoundError(`no feedback ${id}`);
          return json(200, { id, handled: true });
        }
        default:
          return json(404, { error: { code: 'not_found', message: 'no such route' } });
      }
    } catch (error) {
      return jsonError(error);
    }
  };
}
