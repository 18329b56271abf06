import { describe, expect, it } from 'vitest';
import { alertSamples, type SampleEmail } from '../helpers/sample-emails.ts';

const samples = alertSamples();
const byName = (name: string): SampleEmail => samples.find((s) => s.name === name)!;

/** The HTML's visible text, tags dropped (enough to read labels and sentences). */
function visibleText(html: string): string {
  return html
    .replace(/<div style="display:none[^>]*>.*?<\/div>/s, '')
    .replace(/<title>.*?<\/title>/s, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('alert emails', () => {
  it('mark urgent alerts with the word URGENT in a framed box, and routine ones not at all', () => {
    for (const sample of samples) {
      const text = visibleText(sample.html);
      expect(sample.subject.startsWith('URGENT:'), sample.name).toBe(sample.urgent);
      expect(text.includes('URGENT'), sample.name).toBe(sample.urgent);
      expect(sample.text.startsWith('URGENT'), sample.name).toBe(sample.urgent);
    }
    expect(byName('urgent-cue').html).toMatch(/<p style="[^"]*border:2px solid[^"]*"><span aria-hidden="true">⚠ <\/span>URGENT: act today<\/p>/);
  });

  it('never calls an urgent post "normal": the heading agrees with the subject', () => {
    const mention = byName('negative-mention');
    expect(mention.subject).toBe('URGENT: Negative mention on Bluesky');
    expect(mention.html).toContain('<h1 style="margin:0 0 8px;font-size:20px;line-height:1.3;">Negative mention on Bluesky by @pat.bsky.social</h1>');
    expect(visibleText(mention.html) + mention.text).not.toMatch(/\bnormal\b/i);
    expect(mention.text).toContain('Reach: 120 followers (small)');
    const review = byName('negative-review');
    expect(visibleText(review.html)).toContain('URGENT · critical priority: act today');
  });

  it('names topics and warning signs in words, not ids', () => {
    const all = samples.map((s) => s.text).join('\n');
    expect(all).not.toMatch(/product-quality|staff-attitude|price-billing|wait-time/);
    expect(byName('first-complaint').text).toContain('Topic: product quality');
    expect(byName('negative-mention').text).toContain('Topics: prices and billing, communication');
    expect(byName('urgent-cue').text).toContain('Warning signs: Illness reported');
  });

  it('labels each fact once: one "Customer" row, the orders in their own row', () => {
    const repeat = byName('repeat-complaint');
    expect(repeat.text.match(/^Customer\b/gm)).toHaveLength(1);
    expect(visibleText(repeat.html).match(/\bCustomer\b/g)).toHaveLength(1);
    expect(repeat.text).toContain('All orders: 2 orders, €84.50 in total: ML-1, ML-2');
  });

  it('reads as plain English when no order is known', () => {
    const first = byName('first-complaint');
    expect(first.text).toContain('Find the order or visit this complaint is about, to see what went wrong.');
    expect(first.text).not.toContain('visit this is about');
  });

  it('counts a third complaint right instead of saying "twice"', () => {
    const repeat = byName('repeat-complaint');
    expect(repeat.subject).toBe('URGENT: Third complaint from Maria Lopez');
    expect(repeat.text).toContain('this is their third complaint');
    expect(repeat.text + repeat.html).not.toContain('twice');
  });

  it('points a recurring problem at the quotes where they are, and counts customers', () => {
    const recurring = byName('recurring-topic');
    expect(recurring.subject).toBe('Recurring problem: 3 customers complained about waiting times in 7 days');
    const quotesAt = recurring.text.indexOf('What customers said:');
    const stepsAt = recurring.text.indexOf('What to do now:');
    expect(quotesAt).toBeGreaterThan(0);
    expect(quotesAt).toBeLessThan(stepsAt);
    expect(recurring.text).toContain('Read what the customers said, above');
    expect(recurring.text).not.toContain('below');
    expect(recurring.text).toContain('3 customers complained about waiting times in the last 7 days (4 complaints)');
    // The alert is about customers, not about the one item that crossed the threshold.
    expect(recurring.text).not.toMatch(/^Customer:/m);
  });

  it('escapes customer text and offers a mailto: reply to the customer', () => {
    const first = byName('first-complaint');
    expect(first.html).toContain('<a href="mailto:maria@example.com">maria@example.com</a>');
    expect(byName('negative-mention').html).not.toMatch(/<a href="https:\/\/bsky/);
  });
});
