import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { UrgentCue } from '#shared/domain/classification.ts';

/** One urgency cue pattern as shipped: the cue it marks and its regular expression's source (run on folded text). */
export interface UrgentCueSource {
  cue: UrgentCue;
  source: string;
}

/** Packs the cue patterns for shipping (JSON, brotli at its best quality, base64). */
export function packUrgentCues(cues: UrgentCueSource[]): string {
  const json = Buffer.from(JSON.stringify(cues), 'utf8');
  return brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } }).toString('base64');
}

/** The cue patterns as shipped, unpacked. */
export function unpackUrgentCues(packed: string): UrgentCueSource[] {
  return JSON.parse(brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8')) as UrgentCueSource[];
}
