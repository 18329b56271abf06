import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PACKED_RULES } from '#shared/classifier/lexicons/packed.ts';
import { RULES, unpackRules } from '#shared/classifier/patterns.ts';
import { buildRules, packRules, vaderWords } from '#shared/classifier/source/rules.ts';

describe('the rules the classifier ships', () => {
  it('are the rules written in shared/classifier/source (run `npx tsx scripts/build-lexicon.ts` after changing one)', () => {
    const written = buildRules(vaderWords(readFileSync('node_modules/vader-sentiment/vader_lexicon.txt', 'utf8')));
    expect(unpackRules(PACKED_RULES)).toEqual(written);
    expect(RULES).toEqual(written);
  });

  it('pack and unpack without loss, and every pattern compiles', () => {
    expect(unpackRules(packRules(RULES))).toEqual(RULES);
    for (const entry of [...RULES.complaint, ...RULES.other, ...RULES.sarcasm, ...RULES.urgent]) expect(() => new RegExp(entry.source)).not.toThrow();
    expect(RULES.vader.split('|').length).toBeGreaterThan(7000);
  });

  it('are packed as ASCII JSON, so they unpack as Latin-1 into the same text, accents and emoji included', () => {
    const bytes = brotliDecompressSync(Buffer.from(PACKED_RULES, 'base64'));
    expect(bytes.every((byte) => byte < 0x80)).toBe(true);
    const accented = JSON.stringify(RULES).match(/[^\x00-\x7f]/gu) ?? [];
    expect(accented.length).toBeGreaterThan(10);
    expect(JSON.parse(bytes.toString('latin1'))).toEqual(JSON.parse(bytes.toString('utf8')));
  });
});
