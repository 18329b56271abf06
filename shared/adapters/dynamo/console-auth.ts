import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ConsoleAuthRepository, Session, SignInLink } from '#shared/ports/cases.ts';
import { isConditionFailure, TableRepository } from '#shared/adapters/dynamo/repository.ts';
import { ACTION_LINK_USE, SESSION, SIGN_IN_CODE, SIGN_IN_LINK } from '#shared/adapters/dynamo/table.ts';

/**
 * The console's sign-in links, codes, sessions and used action links, each under the hash of its
 * secret (a code under its address). The application checks `validUntil` on every read; the TTL
 * only lets DynamoDB clean up later.
 */
export class DynamoConsoleAuthRepository extends TableRepository implements ConsoleAuthRepository {
  async saveLink(hash: string, link: SignInLink) {
    await this.write(SIGN_IN_LINK.item({ hash }, link, { context: this.context }));
  }

  async getLink(hash: string) {
    const item = await this.read(SIGN_IN_LINK.key({ hash }));
    return item ? SIGN_IN_LINK.decode(item) : undefined;
  }

  useLink(hash: string, at: Date) {
    return this.updateIf({
      Key: SIGN_IN_LINK.key({ hash }),
      UpdateExpression: 'SET usedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    });
  }

  async saveCode(email: string, hash: string, next: string, validUntil: Date) {
    await this.write(SIGN_IN_CODE.item({ email: email.toLowerCase() }, { codeHash: hash, next, attempts: 0, validUntil: validUntil.toISOString() }, { context: this.context }));
  }

  async useCode(email: string, hash: string, now: Date, maxAttempts: number) {
    const key = SIGN_IN_CODE.key({ email: email.toLowerCase() });
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
      const used = result.Attributes ? SIGN_IN_CODE.decode(result.Attributes) : undefined;
      return { result: 'ok' as const, next: used?.next ?? '/console' };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      const item = await this.update({
        Key: key,
        UpdateExpression: 'ADD attempts :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'ALL_NEW',
      });
      const code = SIGN_IN_CODE.decode(item ?? {});
      if (code.validUntil <= now.toISOString()) return { result: 'expired' as const };
      return { result: code.attempts > maxAttempts ? ('locked' as const) : ('wrong' as const) };
    } catch (error) {
      if (isConditionFailure(error)) return { result: 'none' as const };
      throw error;
    }
  }

  async createSession(hash: string, session: Session) {
    await this.write(SESSION.item({ hash }, session, { context: this.context }));
  }

  async getSession(hash: string) {
    // Eventually consistent: a session just created is read on the next request, not the same one.
    const result = await this.client.send(new GetCommand({ TableName: this.tableName, Key: SESSION.key({ hash }) }));
    return result.Item ? SESSION.decode(result.Item) : undefined;
  }

  async extendSession(hash: string, validUntil: Date) {
    // A session signed out meanwhile stays gone.
    await this.updateIf({
      Key: SESSION.key({ hash }),
      UpdateExpression: 'SET validUntil = :until, expiresAt = :ttl',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':until': validUntil.toISOString(), ':ttl': SESSION.ttl({ validUntil: validUntil.toISOString() }, this.context) },
    });
  }

  async deleteSession(hash: string) {
    await this.remove(SESSION.key({ hash }));
  }

  useActionLink(hash: string, use: { email: string; caseId: string; validUntil: Date }, at: Date) {
    return this.writeNew(
      ACTION_LINK_USE.item({ hash }, { email: use.email, caseId: use.caseId, usedAt: at.toISOString(), validUntil: use.validUntil.toISOString() }, { context: this.context }),
    );
  }

  async actionLinkUsed(hash: string) {
    return (await this.read(ACTION_LINK_USE.key({ hash }), 'pk')) !== undefined;
  }
}
