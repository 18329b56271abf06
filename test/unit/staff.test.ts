import { describe, expect, it } from 'vitest';
import { staffNamed } from '#shared/domain/staff.ts';

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
