import type { RateLimiter } from '#shared/ports/store.ts';
import { TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { RATE_BUCKET, TABLE } from '#shared/adapters/dynamo/table.ts';

/** Counters per time bucket (ADD with a condition: no read, no race). */
export class DynamoRateLimiter extends TableRepository implements RateLimiter {
  take(bucket: string, max: number, expiresAt: Date) {
    return this.updateIf({
      Key: RATE_BUCKET.key({ bucket }),
      UpdateExpression: `ADD taken :one SET ${TABLE.ttlAttribute} = :ttl`,
      ConditionExpression: 'attribute_not_exists(taken) OR taken < :max',
      ExpressionAttributeValues: { ':one': 1, ':max': max, ':ttl': RATE_BUCKET.ttl({ until: expiresAt.toISOString() }, this.context) },
    });
  }
}
