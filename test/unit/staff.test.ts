import { describe, expect, it } from 'vitest';
import { excerptNaming, staffNamed } from '#shared/domain/staff.ts';

describe('staff named in praise', () => {
  it.each([
    ['Donna at the front desk was so helpful.', ['Donna']],
    ['Huge thanks to Raj for sorting the refund!', ['Raj']],
    ['Our waiter, Marco, was brilliant and Lucy made the best coffee.', ['Marco', 'Lucy']],
    ['Ask for Priya, she knows everything.', ['Priya']],
    ['Great service. Tom was lovely. Thank you Tom!', ['Tom']],
    ["Kudos to O'Neil and the team.", ["O'Neil"]],
    ['Thanks to Donna and Sam, perfect cake.', ['Donna', 'Sam']],
    ['Thank you Ann, Bo & Raj!', ['Ann', 'Raj']],
  ])('%s', (text, names) => {
    expect(staffNamed(text)).toEqual(names);
  });

  it('does not take ordinary capitalised words for names', () => {
    expect(staffNamed('The food was great. Everything was perfect. Thanks again!')).toEqual([]);
    expect(staffNamed('I was happy. We were served fast on Monday.')).toEqual([]);
  });
});

describe('the quote kept for the staff named', () => {
  const long = `${'We ordered a birthday cake with a custom design and it was ready on time. '.repeat(4)}At the counter, thanks to Raj for fixing the lettering in minutes! ${'Everything else was perfect too. '.repeat(3)}`;

  it('names them even when they are named late in a long text', () => {
    const quote = excerptNaming(long, ['Raj'], 200)!;
    expect(quote).toBe('…At the counter, thanks to Raj for fixing the lettering in minutes!…');
    expect(quote.length).toBeLessThanOrEqual(200);
  });

  it('keeps a short text whole, spans several names, and finds nothing when no name is in the text', () => {
    expect(excerptNaming('Thanks to Donna and Sam, perfect cake.', ['Donna', 'Sam'], 200)).toBe('Thanks to Donna and Sam, perfect cake.');
    expect(excerptNaming(long, ['Ann'], 200)).toBeUndefined();
    expect(excerptNaming('Thanks Samantha!', ['Sam'], 200)).toBeUndefined();
  });

  it('cuts a long sentence around the name at spaces', () => {
    const sentence = `${'very '.repeat(80)}good service from Priya at the till ${'and more '.repeat(40)}`;
    const quote = excerptNaming(sentence, ['Priya'], 120)!;
    expect(quote).toContain('Priya');
    expect(quote.length).toBeLessThanOrEqual(120);
    expect(quote).toMatch(/^…\S.*\S…$/);
  });
});
