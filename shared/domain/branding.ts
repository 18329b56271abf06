/** How the business presents itself to customers: on the survey pages and in the invitation. */
export interface Branding {
  name: string;
  /** An https address of the logo, when the owner configured one. */
  logoUrl?: string;
  /** `#rrggbb` that white text reads on with WCAG AA contrast (checked at start). */
  accent: string;
}

/** The accent when the owner configured none (white text on it: 6.7:1). */
export const DEFAULT_ACCENT = '#1d4ed8';

/** The business's branding from its configuration. */
export function brandingOf(business: { name: string; logoUrl?: string | undefined; accentColor: string }): Branding {
  return { name: business.name, accent: business.accentColor, ...(business.logoUrl ? { logoUrl: business.logoUrl } : {}) };
}
