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
    'tracking', 'dispatch*', 'postage', 'driver', 'order never', 'envio', 'entrega', 'paquete', 'livraison',
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

interface CompiledTopic {
  id: string;
  patterns: RegExp[];
}

/** Builds the matcher for a taxonomy; extra topics extend or add to the defaults. */
export function compileTopics(extra: Record<string, string[]> = {}): CompiledTopic[] {
  const merged: Record<string, string[]> = { ...DEFAULT_TOPICS };
  for (const [id, words] of Object.entries(extra)) merged[id] = [...(merged[id] ?? []), ...words];
  return Object.entries(merged).map(([id, words]) => ({
    id,
    patterns: words.map((word) => {
      const folded = fold(word.trim());
      const wildcard = folded.endsWith('*');
      const escaped = (wildcard ? folded.slice(0, -1) : folded).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
      return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}${wildcard ? '[\\p{L}\\p{N}]*' : ''}(?![\\p{L}\\p{N}])`, 'u');
    }),
  }));
}

/**
 * The topics a text is about, most mentioned first. Only the words of the text count; words shared
 * by several topics ("hold": wait time and communication) count for each.
 */
export function findTopics(foldedText: string, topics: CompiledTopic[], limit = 3): string[] {
  const scored: Array<[string, number]> = [];
  for (const topic of topics) {
    let hits = 0;
    for (const pattern of topic.patterns) if (pattern.test(foldedText)) hits += 1;
    if (hits) scored.push([topic.id, hits]);
  }
  return scored
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([id]) => id);
}
