import type { PollState, PollStateRepository } from '#shared/ports/store.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { POLL_STATE } from '#shared/adapters/dynamo/table.ts';

/** The pollers' state, one item per source in one partition (so listing them is one query). */
export class DynamoPollStateRepository extends TableRepository implements PollStateRepository {
  async get(sourceId: string): Promise<PollState | undefined> {
    const item = await this.read(POLL_STATE.key({ sourceId }));
    return item ? POLL_STATE.decode(item) : undefined;
  }

  save(state: PollState) {
    const { version, ...rest } = state;
    const item = POLL_STATE.item({ sourceId: state.sourceId }, { ...rest, version: (version ?? 0) + 1 });
    return version === undefined
      ? this.writeIf(item, 'attribute_not_exists(pk) OR attribute_not_exists(version)')
      : this.writeIf(item, 'version = :version', { ':version': version });
  }

  async list(): Promise<PollState[]> {
    const { items } = await this.query({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': POLL_STATE.partition({}) } });
    return items.map((item) => POLL_STATE.decode(item));
  }
}
