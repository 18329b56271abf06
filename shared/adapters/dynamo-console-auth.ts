import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConsoleAuthRepository, Session, SignInLink } from '#shared/ports/cases.ts';

/**
 * Sign-in links, codes and sessions in the single table, each under the hash of its secret (a
 * code under its address). The application checks `validUntil` on every read; the TTL attribute
 * (`expiresAt`, epoch seconds) only lets DynamoDB clean up later.
 */
export const authKeys = {
  link: (hash: string) => ({ pk: `SIGNIN#${hash}`, sk: '#SIGNIN' }),
  code: (email: string) => ({ pk: `SIGNINCODE#${email.toLowerCase()}`, sk: '#CODE' }),
  session: (hash: string) => ({ pk: `SESSION#${hash}`, sk: '#SESSION' }),
};

/** A day after the end: DynamoDB removes expired items within a couple of days. */
function ttl(validUntil: string | Date): number {
  return Math.floor(new Date(validUntil).getTime() / 1000) + 86_400;
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** The console's sign-in links, codes and sessions in DynamoDB. */
export class DynamoConsoleAuthRepository implements ConsoleAuthRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async saveLink(hash: string, link: SignInLink) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...authKeys.link(hash), entity: 'sign-in-link', ...link, expiresAt: ttl(link.validUntil) } }));
  }

  async getLink(hash: string) {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: authKeys.link(hash), ConsistentRead: true }));
    if (!result.Item) return undefined;
    const { email, next, validUntil, usedAt } = result.Item as SignInLink;
    return { email, next, validUntil, ...(usedAt ? { usedAt } : {}) };
  }

  async useLink(hash: string, at: Date) {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: authKeys.link(hash),
          UpdateExpression: 'SET usedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async saveCode(email: string, hash: string, next: string, validUntil: Date) {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...authKeys.code(email), entity: 'sign-in-code', codeHash: hash, next, attempts: 0, validUntil: validUntil.toISOString(), expiresAt: ttl(validUntil) },
      }),
    );
  }

  async useCode(email: string, hash: string, now: Date, maxAttempts: number) {
    const key = authKeys.code(email);
    try {
      // One conditional write decides: the right code, still valid, not locked, is used up at once.
      const result = await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ConditionExpression: 'codeHash = :hash AND validUntil > :now AND attempts < :max',
          ExpressionAttributeValues: { ':hash': hash, ':now': now.toISOString(), ':max': maxAttempts },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return { result: 'ok' as const, next: String(result.Attributes?.next ?? '/console') };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const item = result.Attributes ?? {};
      if (String(item.validUntil) <= now.toISOString()) return { result: 'expired' as const };
      return { result: Number(item.attempts) > maxAttempts ? ('locked' as const) : ('wrong' as const) };
    } catch (error) {
      if (isConditionFailure(error)) return { result: 'none' as const };
      throw error;
    }
  }

  async createSession(hash: string, session: Session) {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...authKeys.session(hash), entity: 'session', ...session, expiresAt: ttl(session.validUntil) } }));
  }

  async getSession(hash: string) {
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: authKeys.session(hash) }));
    if (!result.Item) return undefined;
    const { email, createdAt, validUntil } = result.Item as Session;
    return { email, createdAt, validUntil };
  }

  async extendSession(hash: string, validUntil: Date) {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: authKeys.session(hash),
          UpdateExpression: 'SET validUntil = :until, expiresAt = :ttl',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':until': validUntil.toISOString(), ':ttl': ttl(validUntil) },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async deleteSession(hash: string) {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: authKeys.session(hash) }));
  }
}
