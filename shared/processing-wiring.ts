import { createClassifier } from '#shared/classifier/index.ts';
import type { ProcessingDeps } from '#shared/use-cases/deps.ts';
import { deps } from '#shared/wiring.ts';

let cached: { base: ReturnType<typeof deps>; processing: ProcessingDeps } | undefined;

/**
 * The adapters plus the classifier, for the processing function only: the other functions leave
 * the classifier's lexicons out of their bundles.
 */
export function processingDeps(): ProcessingDeps {
  const base = deps();
  if (cached?.base !== base) {
    cached = { base, processing: { ...base, classifier: createClassifier({ extraTopics: base.config.classifier.extraTopics }) } };
  }
  return cached.processing;
}
