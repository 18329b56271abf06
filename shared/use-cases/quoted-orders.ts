import type { CaseRecord } from '#shared/domain/case.ts';
import type { FeedbackRecord } from '#shared/domain/feedback.ts';
import type { Order } from '#shared/domain/order.ts';
import { NotFoundError, ValidationError } from '#shared/errors.ts';
import { actOnCase, caseFinders, type CaseDeps } from '#shared/use-cases/cases.ts';
import { mergeCustomers } from '#shared/use-cases/customers.ts';
import type { Deps } from '#shared/use-cases/deps.ts';

/** What linking a quoted order needs: the case, feedback, customer and order stores, a clock. */
export type QuotedOrderDeps = CaseDeps & Pick<Deps, 'customers' | 'orders'>;

/** An order number a case's sender quoted without being that order's customer, as the case page shows it. */
export interface QuotedOrder {
  orderId: string;
  /** The order as stored; absent when no such order is on record. */
  order?: Order;
}

/** The order numbers a case's items quote but are not linked to (each once), with the orders on record. */
export async function quotedOrdersOf(items: FeedbackRecord[], deps: Pick<QuotedOrderDeps, 'orders'>): Promise<QuotedOrder[]> {
  const claimed = [...new Set(items.flatMap((item) => item.claimedOrderIds ?? []))];
  return Promise.all(
    claimed.map(async (orderId) => {
      const order = await deps.orders.get(orderId);
      return { orderId, ...(order ? { order } : {}) };
    }),
  );
}

/**
 * The owner says the sender of a case is the customer of an order they quoted (a claimed
 * reference, never linked on its own because the sender was not that order's customer): the
 * sender's profile merges into the order's customer, the quoting items get the order, and the case
 * records who linked it. Linking what is already linked changes nothing.
 */
export async function linkQuotedOrder(caseId: string, orderId: string, by: string, deps: QuotedOrderDeps): Promise<{ record: CaseRecord; changed: boolean }> {
  const record = await deps.cases.get(caseId);
  if (!record) throw new NotFoundError(`no case ${caseId}`);
  const items = await deps.feedback.getMany(record.feedbackIds);
  const quoting = items.filter((item) => item.claimedOrderIds?.includes(orderId));
  if (quoting.length === 0) {
    if (record.orderIds.includes(orderId) || items.some((item) => item.orderIds.includes(orderId))) return { record, changed: false };
    throw new ValidationError(`This case does not quote order ${orderId}.`);
  }
  if (!(await deps.orders.get(orderId))) throw new ValidationError(`There is no order ${orderId} on record to link to.`);
  const orderOwner = (await deps.customers.findByIdentities([{ kind: 'order', value: orderId }])).values().next().value;
  const orderCustomer = orderOwner ? await deps.customers.get(orderOwner) : undefined;
  if (!orderCustomer) throw new ValidationError(`Order ${orderId} has no customer on record to link to.`);
  const sender = record.customerId ? await deps.customers.get(record.customerId) : undefined;
  if (!sender) throw new ValidationError('This case has no sender on record to link.');
  if (sender.customerId !== orderCustomer.customerId) await mergeCustomers(orderCustomer.customerId, sender.customerId, deps);
  for (const item of quoting) await deps.feedback.linkClaimedOrder(item.id, orderId);
  const { record: next, event } = await actOnCase(caseId, { kind: 'order-linked', orderId, customerId: orderCustomer.customerId }, by, deps);
  // The inbox's search finds the case by the order number and under the customer it now belongs to.
  await deps.cases.index(next, event, caseFinders(next));
  return { record: next, changed: true };
}
