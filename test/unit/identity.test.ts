import { describe, expect, it } from 'vitest';
import { identitiesOf, normaliseEmail, normaliseHandle, normalisePhone, splitOrderReferences } from '#shared/domain/identity.ts';

describe('identities', () => {
  it('normalise emails by trimming and case-folding', () => {
    expect(normaliseEmail('  Maria.Lopez@Example.COM ')).toBe('maria.lopez@example.com');
    expect(normaliseEmail('not an email')).toBeUndefined();
  });

  it('normalise phone numbers to E.164', () => {
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalisePhone('0044 20 7946 0958')).toBe('+442079460958');
    expect(normalisePhone('020 7946 0958', '44')).toBe('+442079460958');
    expect(normalisePhone('(555) 123-4567')).toBe('+15551234567');
    expect(normalisePhone('1 555 123 4567')).toBe('+15551234567');
    expect(normalisePhone('12')).toBeUndefined();
  });

  it('normalise handles per source', () => {
    expect(normaliseHandle('Bluesky', '@Maria.bsky.social')).toBe('bluesky:maria.bsky.social');
    expect(normaliseHandle('reddit', 'two words')).toBeUndefined();
  });

  it('collect every identity an item carries, once', () => {
    expect(identitiesOf({ email: 'A@x.com', handle: '@a' }, ['O-1', 'O-1'], { source: 'bluesky' })).toEqual([
      { kind: 'email', value: 'a@x.com' },
      { kind: 'handle', value: 'bluesky:a' },
      { kind: 'order', value: 'O-1' },
    ]);
  });
});

describe('splitOrderReferences', () => {
  it('verifies only orders owned by the profile the sender already is; unknown and foreign orders are claims', () => {
    const owners = new Map<string, string | undefined>([
      ['A-1', 'cust-alice'],
      ['B-1', 'cust-bob'],
      ['X-9', undefined],
    ]);
    expect(splitOrderReferences(['A-1', 'B-1', 'X-9'], owners, new Set(['cust-alice']))).toEqual({ verified: ['A-1'], claimed: ['B-1', 'X-9'] });
    expect(splitOrderReferences(['A-1'], owners, new Set())).toEqual({ verified: [], claimed: ['A-1'] });
  });
});
