import { fold } from '#shared/classifier/text.ts';

/**
 * The default small-business topic taxonomy: topic id -> words and phrases (English, Spanish,
 * French, German; folded: lower case, no accents). A phrase matches at word boundaries; a trailing
 * `*` matches any ending ("refund*" matches "refunded"). Businesses extend it in config
 * (`classifier.extraTopics`); an extra topic with the id of a default one adds to its words.
 */
export const DEFAULT_TOPICS: Record<string, string[]> = {
  'wait-time': [
    'wait*', 'queue*', 'line', 'delay*', 'late', 'slow*', 'took forever', 'took ages', 'forever', 'on hold',
    'hold time', 'hours', 'minutes', 'mins', 'hrs', 'still waiting', 'tarmac', 'sat on', 'stuck', 'espera*',
    'tard*', 'retraso', 'attente', 'attendu', 'retard', 'lent', 'gewartet', 'warte*', 'verspat*', 'langsam',
    'late flight', 'longlines', 'long line', 'long lines',
  ],
  'staff-attitude': [
    'rude*', 'staff', 'waiter', 'waitress', 'server', 'servers', 'manager', 'employee*', 'attitude', 'unfriendly',
    'unhelpful', 'ignored', 'agent', 'agents', 'crew', 'flight attendant*', 'attendant*', 'cashier', 'host',
    'hostess', 'bartender', 'receptionist', 'front desk', 'personnel', 'condescending', 'dismissive', 'yelled',
    'unprofessional', 'arrogant', 'grosero', 'maleducad*', 'personal', 'camarero', 'impoli*', 'serveur',
    'personnel', 'unfreundlich', 'unhoflich', 'kellner', 'mitarbeiter*', 'pilot', 'gate agent', 'friendly',
  ],
  'product-quality': [
    'quality', 'broken', 'defective', 'faulty', 'stale', 'taste*', 'tasteless', 'bland', 'undercooked',
    'overcooked', 'burnt', 'raw', 'cold food', 'food', 'dish', 'meal', 'product', 'battery', 'screen',
    'stopped working', 'flimsy', 'fell apart', 'cheap', 'soggy', 'greasy', 'damaged', 'cracked', 'works', 'work',
    'working', 'sound', 'charger', 'headset', 'phone', 'case', 'fit', 'fits', 'size', 'material', 'wifi',
    'wi-fi', 'entertainment', 'seat', 'seats', 'legroom', 'movie*', 'comida', 'calidad', 'roto', 'nourriture',
    'qualite', 'casse', 'essen', 'qualitat', 'kaputt', 'defekt',
  ],
  'price-billing': [
    'price*', 'expensive', 'overpriced', 'charg*', 'bill', 'billed', 'billing', 'fee', 'fees', 'invoice',
    'overcharg*', 'cost*', 'pricey', 'money', 'paid', 'pay', 'payment', 'receipt', 'points', 'miles',
    'rewards', 'voucher*', 'precio', 'caro', 'cobr*', 'factura', 'prix', 'cher', 'facture', 'debite',
    'preis', 'teuer', 'rechnung', 'abgebucht',
  ],
  refunds: [
    'refund*', 'money back', 'reimburs*', 'compensat*', 'credit back', 'chargeback', 'reembolso', 'devolucion',
    'rembours*', 'erstattung', 'ruckerstattung', 'geld zuruck',
  ],
  delivery: [
    'deliver*', 'shipping', 'shipped', 'ship', 'package', 'parcel', 'courier', 'arrived', 'never arrived',
    'tracking', 'where is my order', 'my order', 'dispatch*', 'postage', 'driver', 'order never', 'envio', 'entrega', 'paquete', 'livraison',
    'livre', 'colis', 'lieferung', 'geliefert', 'paket', 'versand',
  ],
  cleanliness: [
    'dirty', 'filthy', 'clean*', 'smell*', 'stink*', 'stain*', 'hair', 'bug', 'bugs', 'cockroach*', 'roach*',
    'mold*', 'mould*', 'sticky', 'toilet*', 'bathroom*', 'restroom*', 'gross', 'disgusting', 'unsanitary',
    'hygiene', 'sucio', 'sucia', 'limpi*', 'sale', 'proprete', 'schmutzig', 'dreckig', 'sauber*',
  ],
  booking: [
    'booking', 'booked', 'book', 'reservation*', 'reserve*', 'appointment*', 'cancel*', 'rebook*', 'reschedul*',
    'change my flight', 'change flight', 'flight change', 'check-in', 'check in', 'checkin', 'overbooked',
    'seat assignment', 'itinerary', 'confirmation', 'upgrade', 'standby', 'reserva*', 'cita', 'annul*',
    'buchung', 'reservierung', 'termin', 'storniert',
  ],
  communication: [
    'no response', 'no reply', 'respond*', 'reply', 'replied', 'call back', 'called', 'calling', 'call',
    'phone', 'email*', 'e-mail', 'hold', 'answer*', 'contact*', 'ignored', 'update*', 'notif*', 'informed',
    'told', 'dm', 'dms', 'customer service', 'customer care', 'support', 'website', 'app', 'online', 'hung up',
    'respuesta', 'contesta*', 'reponse', 'repond*', 'antwort*', 'kundenservice', 'kundendienst',
  ],
  safety: [
    'unsafe', 'danger*', 'hazard*', 'injur*', 'hurt', 'fire', 'allerg*', 'emergency', 'safety', 'sick',
    'poison*', 'ill', 'hospital', 'peligro*', 'dangereu*', 'gefahr*', 'sicher*', 'securite', 'seguridad',
  ],
  'lost-damaged': [
    'lost', 'luggage', 'baggage', 'bag', 'bags', 'suitcase', 'missing', 'misplaced', 'damaged', 'lost and found',
    'belongings', 'perdid*', 'equipaje', 'perdu*', 'bagage*', 'verloren', 'gepack', 'koffer',
  ],
  'website-app': [
    'website', 'site', 'app', 'online', 'login', 'log in', 'password', 'checkout', 'error message*', 'error',
    'crash*', 'glitch*', 'link', 'page', 'web', 'aplicacion', 'pagina', 'appli', 'webseite',
  ],
};

/**
 * A topic phrase ("on hold"): the patterns that find it, and the words it needs to be present.
 * The pattern for text with non-ASCII letters is compiled the first time such a text needs it:
 * Unicode classes cost about half a millisecond each to compile, most texts are all ASCII, and
 * compiling them all when the classifier loads would add about 10 ms to every cold start.
 */
export class TopicPhrase {
  #pattern: RegExp | undefined;

  constructor(
    /** The pattern's source for any text, where a letter or digit is any Unicode letter or digit. */
    readonly source: string,
    /**
     * The same pattern for an all-ASCII text, where a letter or digit is [a-z0-9] (folded text is in
     * lower case): without Unicode classes it compiles and runs several times faster.
     */
    readonly asciiPattern: RegExp,
    /** Words of the phrase other than the first: the text must contain each for the pattern to match. */
    readonly rest: string[],
    readonly topic: number,
  ) {}

  /** The pattern for any text (compiled on first use). */
  get pattern(): RegExp {
    return (this.#pattern ??= new RegExp(this.source, 'u'));
  }
}

/** A taxonomy ready for matching: exact words, word prefixes and phrases, each with its topics. */
export interface CompiledTopics {
  ids: string[];
  words: Map<string, number[]>;
  /** Word prefixes, keyed by their first two letters. */
  prefixes: Map<string, Array<[string, number]>>;
  phrases: TopicPhrase[];
  /** Indexes into `phrases` by the phrase's first word. */
  phrasesByFirst: Map<string, number[]>;
}

/** Builds the matcher for a taxonomy; extra topics extend or add to the defaults. */
export function compileTopics(extra: Record<string, string[]> = {}): CompiledTopics {
  const merged: Record<string, string[]> = { ...DEFAULT_TOPICS };
  for (const [id, words] of Object.entries(extra)) merged[id] = [...(merged[id] ?? []), ...words];
  const compiled: CompiledTopics = { ids: Object.keys(merged), words: new Map(), prefixes: new Map(), phrases: [], phrasesByFirst: new Map() };
  compiled.ids.forEach((id, index) => {
    for (const raw of new Set(merged[id]!.map((word) => fold(word.trim())))) {
      const wildcard = raw.endsWith('*');
      const word = wildcard ? raw.slice(0, -1) : raw;
      if (!word) continue;
      if (/[^\p{L}\p{N}'-]/u.test(word)) {
        const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ +/g, '\\s+');
        const rest = word.split(/ +/).slice(1);
        const firstWord = word.split(/[^\p{L}\p{N}]+/u)[0] ?? word;
        compiled.phrasesByFirst.set(firstWord, [...(compiled.phrasesByFirst.get(firstWord) ?? []), compiled.phrases.length]);
        compiled.phrases.push(
          new TopicPhrase(
            `(?<![\\p{L}\\p{N}])${escaped}${wildcard ? '[\\p{L}\\p{N}]*' : ''}(?![\\p{L}\\p{N}])`,
            new RegExp(`(?<![a-z0-9])${escaped}${wildcard ? '[a-z0-9]*' : ''}(?![a-z0-9])`),
            rest,
            index,
          ),
        );
      } else if (wildcard) {
        const key = word.slice(0, 2);
        compiled.prefixes.set(key, [...(compiled.prefixes.get(key) ?? []), [word, index]]);
      }
      else compiled.words.set(word, [...(compiled.words.get(word) ?? []), index]);
    }
  });
  return compiled;
}

/**
 * What one folded word contributes to topics: the topics it names (once per matching word or
 * prefix, so a word can count twice for one topic), and the phrases that start with it (indexes
 * into `topics.phrases`, to be tested on the whole text).
 */
export function topicsOfWord(word: string, topics: CompiledTopics): { words: number[]; phrases: number[] } {
  let words = topics.words.get(word) ?? NONE;
  for (const [prefix, index] of topics.prefixes.get(word.slice(0, 2)) ?? NONE_PREFIXES) if (word.startsWith(prefix)) words = [...words, index];
  return { words, phrases: topics.phrasesByFirst.get(word) ?? NONE };
}

const NONE: number[] = [];
const NONE_PREFIXES: Array<[string, number]> = [];

/** Topics already chosen by `topTopics` (kept between calls, cleared after each). */
let taken = new Uint8Array(16);

/** The `limit` topics with the most hits, most first (ties in taxonomy order). */
export function topTopics(hits: ArrayLike<number>, topics: CompiledTopics, limit = 3): string[] {
  const chosen: string[] = [];
  if (taken.length < hits.length) taken = new Uint8Array(hits.length);
  let last = -1;
  for (let round = 0; round < limit; round += 1) {
    let best = -1;
    for (let i = 0; i < hits.length; i += 1) if (!taken[i] && hits[i]! > 0 && (best < 0 || hits[i]! > hits[best]!)) best = i;
    if (best < 0) break;
    taken[best] = 1;
    last = Math.max(last, best);
    chosen.push(topics.ids[best]!);
  }
  if (last >= 0) taken.fill(0, 0, last + 1);
  return chosen;
}
