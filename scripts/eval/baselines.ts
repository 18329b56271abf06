/** The published libraries, run on the same texts for comparison (evaluation only, not shipped). */
import { createRequire } from 'node:module';
import type { Label } from './datasets.ts';

const require = createRequire(import.meta.url);
const wink = require('wink-sentiment') as (text: string) => { score: number; normalizedScore: number };
const vader = require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } } };
const AfinnSentiment = require('sentiment') as new () => { analyze(text: string): { score: number } };
const afinn = new AfinnSentiment();

export interface Baseline {
  name: string;
  classify(text: string): Label;
}

const polarity = (value: number, threshold = 0): Label => (value < -threshold ? 'negative' : value > threshold ? 'positive' : 'neutral');

export const BASELINES: Baseline[] = [
  { name: 'wink-sentiment', classify: (text) => polarity(wink(text).normalizedScore) },
  { name: 'VADER', classify: (text) => polarity(vader.SentimentIntensityAnalyzer.polarity_scores(text).compound, 0.05) },
  { name: 'AFINN (sentiment)', classify: (text) => polarity(afinn.analyze(text).score) },
];
