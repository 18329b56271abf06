/** Owner-facing names of the classifier's topic ids ("product-quality" -> "product quality"). */
const TOPIC_NAMES: Record<string, string> = {
  'wait-time': 'waiting times',
  'staff-attitude': 'staff attitude',
  'product-quality': 'product quality',
  'price-billing': 'prices and billing',
  refunds: 'refunds',
  delivery: 'delivery',
  cleanliness: 'cleanliness',
  booking: 'bookings',
  communication: 'communication',
  safety: 'safety',
  'lost-damaged': 'lost or damaged items',
  'website-app': 'the website or app',
};

/** The owner-facing name of a topic id; extra topics from the config read as words too. */
export function topicName(topic: string): string {
  return TOPIC_NAMES[topic] ?? topic.replace(/[-_]+/g, ' ').trim();
}

/** Topics as one phrase for a sentence or a table cell: "waiting times, delivery". */
export function topicList(topics: readonly string[]): string {
  return topics.map(topicName).join(', ');
}
