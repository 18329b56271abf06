import { describe, expect, it } from 'vitest';
import { RULES } from '#shared/classifier/patterns.ts';
import { hasUrgentCue, triage } from '#shared/domain/triage.ts';
import { packUrgentCues, unpackUrgentCues } from '#shared/domain/urgent-cue-pack.ts';
import { PACKED_URGENT_CUES } from '#shared/domain/urgent-cues.ts';

const at = '2026-11-20T10:00:00.000Z';
const base = { receivedAt: at };

describe('triage at ingest', () => {
  it('sends items with an urgency cue, 1-2 star reviews and possible second complaints to the priority queue', () => {
    expect(triage({ ...base, channel: 'survey', text: 'We all got food poisoning.', survey: { surveyId: 's', score: 9 } }, undefined, 30)).toBe('urgent-cue');
    expect(triage({ ...base, channel: 'email', text: 'I will sue you.' }, undefined, 30)).toBe('urgent-cue');
    expect(triage({ ...base, channel: 'social', text: 'Meh.', mention: { source: 'google', externalId: 'x', publishedAt: at, rating: 2 } }, undefined, 30)).toBe('low-rating');
    const earlier = [{ id: 'f1', at: '2026-11-10T10:00:00.000Z', channel: 'email' as const, incident: 'email:f1' }];
    expect(triage({ ...base, channel: 'email', text: 'Stale again.' }, earlier, 30)).toBe('repeat-complaint');
  });

  it('keeps ordinary items, praise from earlier complainers and complaints outside the window on the feedback queue', () => {
    expect(triage({ ...base, channel: 'social', text: 'Lovely croissants!' }, undefined, 30)).toBeUndefined();
    const earlier = [{ id: 'f1', at: '2026-11-10T10:00:00.000Z', channel: 'email' as const, incident: 'email:f1' }];
    expect(triage({ ...base, channel: 'survey', text: 'Great now.', survey: { surveyId: 's', score: 10 } }, earlier, 30)).toBeUndefined();
    expect(triage({ ...base, channel: 'email', text: 'Stale again.' }, earlier, 5)).toBeUndefined();
    expect(triage({ ...base, channel: 'social', text: 'Nice.', mention: { source: 'google', externalId: 'x', publishedAt: at, rating: 4 } }, earlier, 30)).toBeUndefined();
  });

  it('reads cues through accents and case as the classifier does', () => {
    expect(hasUrgentCue('FOOD POISONING after lunch')).toBe(true);
    expect(hasUrgentCue('')).toBe(false);
  });
});

describe('the urgency cues the triage ships', () => {
  it('are the classifier\'s urgent patterns (run `npx tsx scripts/build-triage-cues.ts` after changing one)', () => {
    const shipped = unpackUrgentCues(PACKED_URGENT_CUES);
    expect(shipped).toEqual(RULES.urgent.map(({ cue, source }) => ({ cue, source })));
    expect(unpackUrgentCues(packUrgentCues(shipped))).toEqual(shipped);
  });
});
