/**
 * Finds staff named in praise ("Donna at the front desk was lovely", "thanks to Raj"), so the
 * digest can tell the owner who to thank. Pure; English patterns; names are capitalised words that
 * are not common sentence words.
 */
const NOT_NAMES = new Set(
  `I We You They He She It The This That These Those Our My Your Their His Her Its Everyone Everybody Nobody Staff Team Service Food
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December
  Thanks Thank Great Lovely Amazing Good Nice Best Really Very So And But Also Again Highly Definitely Will Would Always Absolutely Today Yesterday
  Ordered Order Delivery Manager Owner Chef Waiter Waitress Server Driver Everything Nothing Customer Dear Hello Hi Special Shout`
    .split(/\s+/)
    .filter(Boolean),
);

const NAME = "([A-Z](?:[a-z]{1,20}|'[A-Z][a-z]{1,20})(?:-[A-Z][a-z]{1,20})?)";
const NAME_PLAIN = "[A-Z](?:[a-z]{1,20}|'[A-Z][a-z]{1,20})(?:-[A-Z][a-z]{1,20})?";
const ROLE = '(?:front desk|reception|counter|till|bar|checkout|register|door|desk|shop|store|deli|bakery|kitchen|front|phone|table)';
const PRAISE = "(?:was|were|is|did|made|went|has been|gave|helped|looked after|took care|sorted|handled|deserves|rocks|is a star)";

const PATTERNS: RegExp[] = [
  new RegExp(`\\b${NAME} (?:at|on|behind) the ${ROLE}\\b`, 'g'),
  new RegExp(`\\b(?:thanks|thank you|thank-you|kudos|shout[- ]?out|hats off|props)(?: so much| again)?,? (?:to )?${NAME}\\b`, 'gi'),
  // The last of several thanked together: "thanks to Donna and Sam", "kudos to Ann, Bo & Raj".
  new RegExp(`\\b(?:thanks|thank you|thank-you|kudos|shout[- ]?out|hats off|props)(?: so much| again)?,? (?:to )?${NAME_PLAIN}(?:, ${NAME_PLAIN})*,? (?:and|&) ${NAME}\\b`, 'gi'),
  new RegExp(`\\b(?:our|the|my) (?:server|waiter|waitress|barista|driver|host|hostess|stylist|technician|cashier|chef|agent|rep|guide|instructor|nurse|mechanic),? ${NAME}\\b`, 'gi'),
  new RegExp(`\\bask for ${NAME}\\b`, 'gi'),
  new RegExp(`(?:^|[.!?]\\s+|,\\s*|\\band\\s+)${NAME},? ${PRAISE}\\b`, 'g'),
];

/** Staff first names found in a piece of praise, in order of appearance, without duplicates. */
export function staffNamed(text: string): string[] {
  const found: Array<{ at: number; name: string }> = [];
  for (const pattern of PATTERNS) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const name = match[1]!;
      const proper = name[0]!.toUpperCase() + name.slice(1);
      if (NOT_NAMES.has(proper) || name[0] !== name[0]!.toUpperCase()) continue;
      found.push({ at: (match.index ?? 0) + match[0].lastIndexOf(name), name: proper });
    }
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.name))];
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The part of a piece of praise that names the staff member(s), at most `max` characters: the
 * sentence(s) from the first name to the last, or a window around the first name when that is too
 * long, with "…" where text was left out. Undefined when none of the names is in the text (the
 * digest then quotes nothing rather than praise that does not name them).
 */
export function excerptNaming(text: string, names: readonly string[], max: number): string | undefined {
  const clean = flat(text);
  const found = names
    .map((name) => new RegExp(`(?<![\\p{L}'])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu').exec(clean))
    .filter((match): match is RegExpExecArray => match !== null);
  if (!found.length) return undefined;
  if (clean.length <= max) return clean;
  const first = Math.min(...found.map((m) => m.index));
  const last = Math.max(...found.map((m) => m.index + m[0].length));
  // Whole sentences around the names when they fit.
  const before = clean.slice(0, first);
  const sentenceStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('! '), before.lastIndexOf('? '));
  const start = sentenceStart < 0 ? 0 : sentenceStart + 2;
  const endMatch = /[.!?](\s|$)/.exec(clean.slice(last));
  const end = endMatch ? last + endMatch.index + 1 : clean.length;
  if (end - start <= max - 2) return `${start > 0 ? '…' : ''}${clean.slice(start, end)}${end < clean.length ? '…' : ''}`;
  // Otherwise a window that starts a little before the first name, cut at spaces.
  let from = Math.max(0, first - Math.floor(max / 4));
  if (from > 0) from = clean.indexOf(' ', from) + 1 || from;
  let to = Math.min(clean.length, from + max - 2);
  if (to < clean.length) to = clean.lastIndexOf(' ', to) > first ? clean.lastIndexOf(' ', to) : to;
  return `${from > 0 ? '…' : ''}${clean.slice(from, to).trim()}${to < clean.length ? '…' : ''}`;
}
