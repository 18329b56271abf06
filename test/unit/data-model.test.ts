import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from '#shared/domain/schema.ts';
import { entity } from '#shared/adapters/dynamo/entity.ts';
import { ALERT, CHECK_IN, DAY_TOPIC, ENTITIES, FEEDBACK, ORDER, PROMISE, SURVEY_LINK, TABLE } from '#shared/adapters/dynamo/table.ts';
import { DATA_MODEL_PAGE, withGeneratedDataModel } from '../../scripts/data-model.ts';

describe('the table declaration', () => {
  it('is what docs/data-model.md says (run `npm run docs` after changing it)', () => {
    const page = readFileSync(DATA_MODEL_PAGE, 'utf8');
    expect(withGeneratedDataModel(page)).toBe(page);
  });

  it("keeps today's keys", () => {
    expect(ORDER.key({ orderId: 'A-1' })).toEqual({ pk: 'ORDER#A-1', sk: '#ORDER' });
    expect(ORDER.indexEntry('dueInvitations', { inviteAt: '2026-11-23T09:00:00.000Z', orderId: 'A-1' })).toEqual({ gsi1pk: 'INVITE#DUE', gsi1sk: '2026-11-23T09:00:00.000Z#A-1' });
    expect(FEEDBACK.indexEntry('openComplaints', { receivedAt: 'T', id: 'f1' })).toEqual({ gsi2pk: 'OPEN#COMPLAINTS', gsi2sk: 'T#f1' });
    expect(DAY_TOPIC.key({ day: '2026-11-23', topic: 'wait-time' })).toEqual({ pk: 'DAY#2026-11-23', sk: 'TOPIC#wait-time' });
    expect(ALERT.key({ incidentKey: 'complaint:x' })).toEqual({ pk: 'ALERT#complaint:x', sk: '#ALERT' });
    // Promises keep the keys they were stored with before their declaration.
    expect(PROMISE.key({ caseId: 'c1', promiseId: 'p1' })).toEqual({ pk: 'PROMISE#c1', sk: 'p1' });
    expect(PROMISE.indexEntry('open', { dueDate: '2026-11-27', caseId: 'c1', promiseId: 'p1' })).toEqual({ gsi1pk: 'PROMISES#OPEN', gsi1sk: '2026-11-27#c1#p1' });
    expect(CHECK_IN.key({ caseId: 'c1', handling: '0000000002' })).toEqual({ pk: 'CHECKIN#c1', sk: '0000000002' });
    expect(CHECK_IN.indexEntry('notPutRight', { answeredAt: 'T', caseId: 'c1', handling: '2' })).toEqual({ gsi1pk: 'CHECKINS#NOT-YET', gsi1sk: 'T#c1#2' });
  });

  it('never lets an entity declare an attribute the table uses itself (keys, indexes, TTL)', () => {
    for (const name of [TABLE.ttlAttribute, 'pk', 'gsi1sk']) {
      expect(() => entity({ name: 'Bad', pk: 'BAD#{id}', sk: '#BAD', attributes: z.object({ [name]: z.string() }), access: 'none' })).toThrow(/used by the table itself/);
    }
    const names = ENTITIES.flatMap((e) => Object.keys((e.declaration.attributes as unknown as { shape?: object }).shape ?? {}));
    expect(names).not.toContain(TABLE.ttlAttribute);
  });

  it('writes the TTL as epoch seconds computed from the item, and reads items back typed, without the table attributes', () => {
    const link = { surveyId: 's1', orderId: 'A-1', email: 'ann@example.com', createdAt: '2026-01-01T00:00:00.000Z', linkExpiresAt: '2026-03-01T00:00:00.000Z' };
    const item = SURVEY_LINK.item({ surveyId: 's1' }, link, { context: { retentionDays: 30 } });
    expect(item).toMatchObject({ pk: 'SURVEY#s1', sk: '#SURVEY', entity: 'survey', linkExpiresAt: '2026-03-01T00:00:00.000Z' });
    expect(item[TABLE.ttlAttribute]).toBe(Date.parse('2026-03-01T00:00:00.000Z') / 1000);
    expect(SURVEY_LINK.decode(item)).toEqual(link);
  });

  it('reads a survey link stored before linkExpiresAt, whose expiry was kept in the TTL attribute', () => {
    const legacy = { pk: 'SURVEY#s2', sk: '#SURVEY', entity: 'survey', surveyId: 's2', orderId: 'A-2', email: 'bo@example.com', createdAt: '2020-01-01T00:00:00.000Z', expiresAt: '2020-01-31T00:00:00.000Z' };
    expect(SURVEY_LINK.decode(legacy).linkExpiresAt).toBe('2020-01-31T00:00:00.000Z');
  });

  it('refuses a stored item that does not match its declaration, naming the entity and the field', () => {
    expect(() => ORDER.decode({ pk: 'ORDER#A-1', sk: '#ORDER', orderId: 'A-1', email: 42 })).toThrow(/stored Order ORDER#A-1: email/);
  });

  it('tells the items of one partition apart by their keys', () => {
    const topic = { pk: 'DAY#2026-11-23', sk: 'TOPIC#wait-time' };
    expect(DAY_TOPIC.matches(topic)).toBe(true);
    expect(ENTITIES.filter((e) => e.matches(topic)).map((e) => e.name)).toEqual(['Day topic']);
  });
});
