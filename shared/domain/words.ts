/**
 * Counting words the owner reads ("1 order", "2 orders"), so no sentence in an email or a page says
 * "1 orders". Pure.
 */

/** `count` and the noun, singular for exactly one: `plural(1, 'order')` -> "1 order". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : pluralNoun}`;
}

/** "once", "twice", "three times", … "12 times". */
export function times(count: number): string {
  const words = ['no times', 'once', 'twice', 'three times', 'four times', 'five times', 'six times', 'seven times', 'eight times', 'nine times', 'ten times'];
  return words[count] ?? `${count.toLocaleString('en-US')} times`;
}

/** "Ann", "Ann and Bo", "Ann, Bo and Raj". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
