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
