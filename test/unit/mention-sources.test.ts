import { describe, expect, it } from 'vitest';
import { parseConfig } from '#shared/config.ts';
import { normaliseHandle } from '#shared/domain/identity.ts';
import { sqsSafeJson } from '#shared/adapters/sqs-feedback-queue.ts';
import { blueskyPostUrl } from '#shared/mentions/bluesky.ts';
import { linkRelation, retryAfterMs, SourceError } from '#shared/mentions/http.ts';
import { compareStatusIds } from '#shared/mentions/mastodon.ts';
import { silentSourcesMetric } from '#shared/domain/silent-sources-metric.ts';
import { parseFeed } from '#shared/mentions/rss.ts';

const now = new Date('2026-11-23T10:00:00Z');

describe('Retry-After and Link headers', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Mon, 23 Nov 2026 10:05:00 GMT', now)).toBe(300_000);
    expect(retryAfterMs('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('finds a Link relation', () => {
    const header = '<https://m.example/api/v1/timelines/tag/x?max_id=1>; rel="next", <https://m.example/api/v1/timelines/tag/x?min_id=9>; rel="prev"';
    expect(linkRelation(header, 'prev')).toBe('https://m.example/api/v1/timelines/tag/x?min_id=9');
    expect(linkRelation(header, 'next')).toBe('https://m.example/api/v1/timelines/tag/x?max_id=1');
    expect(linkRelation(null, 'prev')).toBeUndefined();
  });
});

describe('feeds', () => {
  it('reads RSS 1.0 (RDF) and Atom without ids falling back to links, and escapes nothing away', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://r.example/"><title>R</title></channel>
      <item rdf:about="https://r.example/1"><title>Tom &amp; Jerry &lt;3</title><link>https://r.example/1</link><description>Rude &lt;script&gt;staff&lt;/script&gt;</description><dc:date>2026-11-23T08:00:00Z</dc:date><dc:creator>Tom</dc:creator></item>
    </rdf:RDF>`;
    const [item] = parseFeed(rdf, 'Reviews', now);
    expect(item).toMatchObject({ source: 'Reviews', externalId: 'https://r.example/1', url: 'https://r.example/1', author: { name: 'Tom' }, publishedAt: '2026-11-23T08:00:00.000Z' });
    expect(item!.text.startsWith('Tom & Jerry <3\n')).toBe(true);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Hi</title><link rel="alternate" href="javascript:alert(1)"/><id>urn:1</id><summary>Fine</summary></entry></feed>`;
    const [entry] = parseFeed(atom, 'Blog', now);
    expect(entry).toEqual({ source: 'Blog', externalId: 'urn:1', author: {}, text: 'Hi\nFine', publishedAt: now.toISOString() });
  });

  it('refuses what is not a feed', () => {
    expect(() => parseFeed('<html><body>Hi</body></html>', 'x', now)).toThrow(SourceError);
    expect(() => parseFeed('<rss><channel><item>', 'x', now)).toThrow(/malformed feed/);
  });
});

describe('ids and handles', () => {
  it('builds the Bluesky web link from the AT URI', () => {
    expect(blueskyPostUrl('at://did:plc:abc/app.bsky.feed.post/3kq2aaa', 'pat.bsky.social')).toBe('https://bsky.app/profile/pat.bsky.social/post/3kq2aaa');
    expect(blueskyPostUrl('at://did:plc:abc/app.bsky.feed.post/3kq2aaa', undefined)).toBe('https://bsky.app/profile/did%3Aplc%3Aabc/post/3kq2aaa');
    expect(blueskyPostUrl('at://did:plc:abc/app.bsky.feed.like/3kq2aaa', 'pat')).toBeUndefined();
  });

  it('orders Mastodon ids as numbers of any length', () => {
    expect(['99', '113556789012345001', '100'].sort(compareStatusIds)).toEqual(['99', '100', '113556789012345001']);
  });

  it("normalises handles per source, Reddit's u/ included", () => {
    expect(normaliseHandle('Reddit', 'u/BreadFan')).toBe('reddit:breadfan');
    expect(normaliseHandle('reddit', 'breadfan')).toBe('reddit:breadfan');
    expect(normaliseHandle('Mastodon', '@Lee@Mastodon.example')).toBe('mastodon:lee@mastodon.example');
  });
});

describe('configuration of sources', () => {
  it('enables listed sources by default and names the bad field', () => {
    const config = parseConfig({ mentions: { sources: [{ type: 'bluesky', id: 'bsky', query: 'x' }] } }, {});
    expect(config.mentions.sources[0]).toEqual({ type: 'bluesky', id: 'bsky', enabled: true, query: 'x', service: 'https://public.api.bsky.app' });
    expect(config.mentions).toMatchObject({ silentAfterMinutes: 360, maxAgeHours: 72 });
    expect(() => parseConfig({ mentions: { sources: [{ type: 'mastodon', id: 'm', instance: 'https://m.example' }] } }, {})).toThrow(/mentions\.sources\.0\.query: set either query or hashtag/);
    expect(() => parseConfig({ mentions: { sources: [{ type: 'twitter', id: 't' }] } }, {})).toThrow(/mentions\.sources\.0/);
    expect(() => parseConfig({ mentions: { sources: [{ type: 'rss', id: 'Bad Id', url: 'https://x.example' }] } }, {})).toThrow(/mentions\.sources\.0\.id/);
  });
});

describe('queue messages and the metric', () => {
  it('escapes emoji and other characters SQS refuses, losslessly', () => {
    const text = 'Cold 😞 coffee \uFFFF';
    const body = sqsSafeJson({ text });
    expect(body).not.toMatch(/[\u{10000}-\u{10FFFF}\uFFFF]/u);
    expect(JSON.parse(body)).toEqual({ text });
  });

  it('writes Earshot/SilentSources in embedded metric format, without dimensions', () => {
    expect(silentSourcesMetric(2, now)).toEqual({
      _aws: { Timestamp: now.getTime(), CloudWatchMetrics: [{ Namespace: 'Earshot', Dimensions: [[]], Metrics: [{ Name: 'SilentSources', Unit: 'Count' }] }] },
      SilentSources: 2,
    });
  });
});
