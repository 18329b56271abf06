import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from '#shared/domain/schema.ts';
import { entity } from '#shared/adapters/dynamo/entity.ts';
import { ALERT, CASE, CASE_EVENT, CASE_FINDER, CHECK_IN, CUSTOMER_OPT_OUT, DAY_TOPIC, ENTITIES, FEEDBACK, FIGURE_DAY, FIGURE_MARKER, ORDER, PROMISE, SURVEY_LINK, TABLE } from '#shared/adapters/dynamo/table.ts';
import { caseKeys } from '#shared/adapters/dynamo-cases.ts';
import { optOutKey } from '#shared/adapters/dynamo-customer-opt-outs.ts';
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
    // Cases, the follow-through's figures and opt-outs keep the keys their items were written with by hand.
    expect(caseKeys.case('c1')).toEqual({ pk: 'CASE#c1', sk: '#CASE' });
    expect(caseKeys.event('c1', 'T#1')).toEqual({ pk: 'CASE#c1', sk: 'EVENT#T#1' });
    expect([caseKeys.list(false), caseKeys.list(true), caseKeys.listByChannel(false, 'email')]).toEqual(['CASES#OPEN', 'CASES#HANDLED', 'CASES#OPEN#email']);
    expect(CASE.indexEntry('inboxByChannel', { list: 'OPEN', channel: 'email', order: '0#T#c1' })).toEqual({ gsi2pk: 'CASES#OPEN#email', gsi2sk: '0#T#c1' });
    expect(caseKeys.finder({ kind: 'email', value: 'Ann@Example.com' })).toBe('CASEFIND#email:ann@example.com');
    expect(CASE_FINDER.key({ finder: 'email:ann@example.com', openedAt: 'T', caseId: 'c1' })).toEqual({ pk: 'CASEFIND#email:ann@example.com', sk: 'T#c1' });
    expect(FIGURE_DAY.key({ day: '2026-11-27' })).toEqual({ pk: 'FIGURES', sk: 'DAY#2026-11-27' });
    expect(FIGURE_MARKER.key({ marker: 'm1' })).toEqual({ pk: 'FIGMARK#m1', sk: '#MARK' });
    expect(optOutKey(' Ann@Example.com ')).toEqual({ pk: 'OPTOUT#ann@example.com', sk: '#OPTOUT' });
    expect(CUSTOMER_OPT_OUT.item({ email: 'ann@example.com' }, { at: 'T' })).toEqual({ pk: 'OPTOUT#ann@example.com', sk: '#OPTOUT', entity: 'customer-opt-out', at: 'T' });
  });

  it("writes a case's timeline and search entries to expire with the case", () => {
    const openedAt = '2026-01-01T00:00:00.000Z';
    const expires = Date.parse(openedAt) / 1000 + 30 * 86_400;
    const event = CASE_EVENT.item({ caseId: 'c1', eventId: 'e1' }, { caseId: 'c1', eventId: 'e1', at: '2026-02-01T00:00:00.000Z', kind: 'note', by: 'owner@example.com', text: 'Called.' }, { context: { retentionDays: 30 }, ttlValues: { openedAt } });
    expect(event).toMatchObject({ pk: 'CASE#c1', sk: 'EVENT#e1', entity: 'case-event', [TABLE.ttlAttribute]: expires });
    expect(CASE_FINDER.item({ finder: 'order:a-1', openedAt, caseId: 'c1' }, { caseId: 'c1' }, { context: { retentionDays: 30 } })[TABLE.ttlAttribute]).toBe(expires);
    expect(CASE_EVENT.decode(event)).toEqual({ caseId: 'c1', eventId: 'e1', at: '2026-02-01T00:00:00.000Z', kind: 'note', by: 'owner@example.com', text: 'Called.' });
    expect(() => CASE_EVENT.decode({ ...event, kind: 'shouted' })).toThrow(/stored Case event CASE#c1: kind/);
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
