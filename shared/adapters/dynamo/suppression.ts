import type { SuppressionList } from '#shared/ports/suppression.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { MAIL_EVENT, SUPPRESSED_ADDRESS } from '#shared/adapters/dynamo/table.ts';

/** The suppression list in the table: one item per address (kept until removed by hand), one per handled event. */
export class DynamoSuppressionList extends TableRepository implements SuppressionList {
  suppress(address: string, reason: string, at: Date): Promise<boolean> {
    const lower = address.toLowerCase();
    return this.writeNew(SUPPRESSED_ADDRESS.item({ address: lower }, { address: lower, reason, at: at.toISOString() }));
  }

  async suppressed(addresses: string[]): Promise<Set<string>> {
    const unique = [...new Set(addresses.map((a) => a.toLowerCase()))];
    if (!unique.length) return new Set();
    const items = await this.readMany(
      unique.map((address) => SUPPRESSED_ADDRESS.key({ address })),
      'address',
    );
    return new Set(items.map((item) => String(item.address)));
  }

  firstTime(eventId: string, at: Date): Promise<boolean> {
    return this.writeNew(MAIL_EVENT.item({ eventId }, { at: at.toISOString() }, { context: this.context }));
  }
}
