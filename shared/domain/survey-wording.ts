/**
 * The words a customer reads in the invitation email and on the survey pages, written once so the
 * email and the page ask the same question and invite reviews in the same words.
 */

/** The survey's question (the Net Promoter Score question). */
export function recommendQuestion(businessName: string): string {
  return `How likely are you to recommend ${businessName} to a friend or colleague?`;
}

/** What the ends of the 0-10 scale mean. */
export const SCALE_ENDS = { low: 'Not at all likely', high: 'Extremely likely' } as const;

/**
 * The invitation to post a public review: the same words for every customer whatever their score
 * (asking only happy customers, "review gating", breaks Google's and Trustpilot's rules and the
 * FTC's guidance), and never a request to contact the business first.
 */
export const REVIEW_INVITATION = {
  heading: 'Would you share your experience?',
  text: 'If you like, you can also write a public review. We ask every customer, whatever they thought of us.',
  link: (site: string) => `Write a review on ${site}`,
} as const;
