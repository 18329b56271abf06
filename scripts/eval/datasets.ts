/**
 * The labelled evaluation sets in the team's data folder (`../shared/data` beside the repository,
 * or EARSHOT_EVAL_DATA), read into one shape. Two of them are non-commercial: they are read here for
 * measuring and tuning, never copied into the project.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Label = 'negative' | 'neutral' | 'positive';

export interface Example {
  text: string;
  label: Label;
  /** Expected topics (any one counts as agreement), when the set has a topic label. */
  topics?: string[];
  split: 'tune' | 'holdout';
}

export interface Dataset {
  name: string;
  /** Binary sets have no neutral class: a neutral prediction counts as "not negative". */
  binary: boolean;
  examples: Example[];
}

/** Where the data folder is, or undefined when it is absent (e.g. a clone without the team folder). */
export function dataDir(): string | undefined {
  const dir = resolve(process.env.EARSHOT_EVAL_DATA ?? join(process.cwd(), '..', 'shared', 'data'));
  return existsSync(join(dir, 'uci-sentiment-labelled-sentences')) ? dir : undefined;
}

/** Fixed split: FNV-1a hash of the text, even = tune, odd = holdout. Never changes between runs. */
export function splitOf(text: string): 'tune' | 'holdout' {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 2 === 0 ? 'tune' : 'holdout';
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function uci(dir: string, file: string, name: string): Dataset {
  const examples = readFileSync(join(dir, 'uci-sentiment-labelled-sentences', file), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const tab = line.lastIndexOf('\t');
      const text = line.slice(0, tab).trim();
      return { text, label: line.slice(tab + 1).trim() === '0' ? 'negative' : 'positive', split: splitOf(text) } satisfies Example;
    });
  return { name, binary: true, examples };
}

/** Airline negative reasons mapped to the default taxonomy ("Can't Tell" has no topic). */
export const AIRLINE_REASON_TOPICS: Record<string, string[]> = {
  'Late Flight': ['wait-time'],
  'Cancelled Flight': ['booking'],
  'Customer Service Issue': ['staff-attitude', 'communication'],
  'Lost Luggage': ['lost-damaged'],
  'Damaged Luggage': ['lost-damaged'],
  'Flight Booking Problems': ['booking', 'website-app'],
  'Flight Attendant Complaints': ['staff-attitude'],
  longlines: ['wait-time'],
  'Bad Flight': ['product-quality', 'cleanliness', 'safety', 'staff-attitude'],
};

/** TwACS support intents mapped to the default taxonomy (OTHER and NEWFEAT have none). */
export const SUPPORT_INTENT_TOPICS: Record<string, string[]> = {
  DELAY: ['wait-time'],
  BAGGAGE: ['lost-damaged'],
  FLIGHTSTAFF: ['staff-attitude'],
  BOOKFLT: ['booking', 'website-app'],
  CHGFLT: ['booking'],
  CHECKIN: ['booking', 'website-app'],
  CUSTSUPP: ['communication', 'staff-attitude'],
  INFLIGHTENT: ['product-quality'],
  INFLIGHTFACS: ['product-quality', 'cleanliness'],
  TERMOPS: ['wait-time', 'staff-attitude'],
  TERMFACS: ['cleanliness', 'product-quality'],
  REWARDS: ['price-billing'],
};

function airline(dir: string): Dataset {
  const [header, ...rows] = parseCsv(readFileSync(join(dir, 'twitter-us-airline-sentiment', 'Tweets.csv'), 'utf8'));
  const col = (name: string) => header!.indexOf(name);
  const [textAt, labelAt, reasonAt] = [col('text'), col('airline_sentiment'), col('negativereason')];
  const examples = rows
    .filter((row) => row.length > labelAt)
    .map((row) => {
      const text = row[textAt]!;
      const topics = AIRLINE_REASON_TOPICS[row[reasonAt] ?? ''];
      return { text, label: row[labelAt] as Label, split: splitOf(text), ...(topics ? { topics } : {}) } satisfies Example;
    });
  return { name: 'Airline tweets', binary: false, examples };
}

/** The support-intent set: topics only (no sentiment labels). */
export function supportIntents(dir: string): Array<{ text: string; topics: string[]; split: 'tune' | 'holdout' }> {
  const [header, ...rows] = parseCsv(readFileSync(join(dir, 'twacs-airline-support-intents', 'twacs_labelled.csv'), 'utf8'));
  const [tagAt, textAt] = [header!.indexOf('tag'), header!.indexOf('first_utterance')];
  return rows.flatMap((row) => {
    const topics = SUPPORT_INTENT_TOPICS[row[tagAt] ?? ''];
    if (!topics) return [];
    const text = (row[textAt] ?? '').replace(/<\/?cust__|__cust>|__company__|__cust__/g, ' ').trim();
    return [{ text, topics, split: splitOf(text) }];
  });
}

/** The three sentiment sets. */
export function sentimentSets(dir: string): Dataset[] {
  return [uci(dir, 'amazon_cells_labelled.txt', 'UCI Amazon'), uci(dir, 'yelp_labelled.txt', 'UCI Yelp'), airline(dir)];
}
