import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, withDefaults } from '#shared/config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const cfg = parseConfig({}, {});
    expect(cfg.http.port).toBe(3000);
    expect(cfg.survey.inviteDelayHours).toBe(72);
    expect(cfg.survey.linkTtlDays).toBe(30);
    expect(cfg.dataDir).toBe('.earshot');
    expect(cfg.owner.emails).toEqual(['owner@example.com']);
    expect(cfg.alerts.secondComplaintWindowDays).toBe(180);
  });

  it('takes environment variables over the config file', () => {
    const cfg = parseConfig(
      { business: { name: 'From file', timeZone: 'Europe/Madrid' }, survey: { inviteDelayHours: 24 } },
      { EARSHOT_BUSINESS_NAME: 'Corner Bakery', EARSHOT_INVITE_DELAY_HOURS: '0', EARSHOT_OWNER_EMAIL: 'a@example.com, b@example.com' },
    );
    expect(cfg.business).toEqual({ name: 'Corner Bakery', timeZone: 'Europe/Madrid', accentColor: '#1d4ed8' });
    expect(cfg.survey.inviteDelayHours).toBe(0);
    expect(cfg.owner.emails).toEqual(['a@example.com', 'b@example.com']);
  });

  it('stops with a message naming the bad field and its variable', () => {
    expect(() => parseConfig({}, { EARSHOT_INVITE_DELAY_HOURS: 'soon' })).toThrow(ConfigError);
    expect(() => parseConfig({}, { EARSHOT_INVITE_DELAY_HOURS: 'soon' })).toThrow(/survey\.inviteDelayHours \(EARSHOT_INVITE_DELAY_HOURS\)/);
    expect(() => parseConfig({}, { EARSHOT_OWNER_EMAIL: 'nobody' })).toThrow(/owner\.emails\.0 \(EARSHOT_OWNER_EMAIL\)/);
    expect(() => parseConfig({ business: { timeZone: 'Mars/Olympus' } }, {})).toThrow(/business\.timeZone \(EARSHOT_TIME_ZONE\): unknown IANA time zone/);
    expect(() => parseConfig({ orderPatterns: ['(unclosed'] }, {})).toThrow(/orderPatterns\.0/);
  });

  it('refuses a misspelt or misplaced key, naming it and the key it probably meant', () => {
    expect(() => parseConfig({ business: { timezone: 'Europe/Madrid' } }, {})).toThrow('business.timezone: unknown key (did you mean business.timeZone?)');
    expect(() => parseConfig({ owner: { email: 'ana@shop.example' } }, {})).toThrow('owner.email: unknown key (did you mean owner.emails?)');
    expect(() => parseConfig({ emails: 'x' }, {})).toThrow('emails: unknown key (did you mean owner.emails?)');
    expect(() => parseConfig({ owner: { emails: 'x' } }, {})).toThrow(/owner\.emails \(EARSHOT_OWNER_EMAIL\): .*expected array, received string/);
    expect(() => parseConfig({ mentions: { sources: [{ type: 'rss', id: 'blog', url: 'https://blog.example/feed', urls: [] }] } }, {})).toThrow(
      'mentions.sources.0.urls: unknown key (did you mean mentions.sources.0.url?)',
    );
    expect(() => parseConfig({ colour: 'red' }, {})).toThrow(/^Invalid configuration:\n {2}- colour: unknown key$/);
  });

  it('ranks defaults below the file: a default applies only where neither the environment nor the file sets the field', () => {
    const file = { owner: { emails: ['ana@shop.example'] }, secrets: { apiKey: 'key-from-file' } };
    const env = withDefaults({ EARSHOT_WEBHOOK_SECRET: 'from-env-123' }, file, {
      EARSHOT_OWNER_EMAIL: 'owner@example.com',
      EARSHOT_API_KEY: 'local-dev-key',
      EARSHOT_WEBHOOK_SECRET: 'local-dev-secret',
      EARSHOT_BUSINESS_NAME: () => 'Default Shop',
    });
    const cfg = parseConfig(file, env);
    expect(cfg.owner.emails).toEqual(['ana@shop.example']);
    expect(cfg.secrets.apiKey).toBe('key-from-file');
    expect(cfg.secrets.webhookSecret).toBe('from-env-123');
    expect(cfg.business.name).toBe('Default Shop');
    expect(parseConfig(file, { ...env, EARSHOT_OWNER_EMAIL: 'boss@shop.example' }).owner.emails).toEqual(['boss@shop.example']);
  });

  it('refuses at start an accent colour white text cannot be read on, and offers a darker shade that passes', () => {
    expect(() => parseConfig({ business: { accentColor: '#f59e0b' } }, {})).toThrow(
      'business.accentColor (EARSHOT_ACCENT_COLOR): #f59e0b gives white text a contrast of 2.1:1; WCAG AA needs 4.5:1. The darker shade #a46a07 passes',
    );
    expect(() => parseConfig({}, { EARSHOT_ACCENT_COLOR: 'teal' })).toThrow('business.accentColor (EARSHOT_ACCENT_COLOR): expected a colour as #rrggbb');
    expect(parseConfig({ business: { accentColor: '#a46a07', logoUrl: 'https://cdn.cornerbakery.example/logo.png' } }, {}).business).toMatchObject({ accentColor: '#a46a07', logoUrl: 'https://cdn.cornerbakery.example/logo.png' });
    expect(() => parseConfig({ business: { logoUrl: 'http://cdn.example/logo.png' } }, {})).toThrow(/business\.logoUrl \(EARSHOT_LOGO_URL\): expected an https:\/\/ address/);
  });

  it('takes review sites with https addresses, once each, and no setting that ties them to the score', () => {
    const cfg = parseConfig({ reviews: { links: [{ name: 'Google', url: 'https://g.page/r/abc/review' }, { name: 'Tripadvisor', url: 'https://www.tripadvisor.com/UserReview-x' }] } }, {});
    expect(cfg.reviews).toEqual({ links: [{ name: 'Google', url: 'https://g.page/r/abc/review' }, { name: 'Tripadvisor', url: 'https://www.tripadvisor.com/UserReview-x' }], inInvitation: false });
    expect(() => parseConfig({ reviews: { links: [{ name: 'Google', url: 'https://a.example' }, { name: 'google', url: 'https://b.example' }] } }, {})).toThrow('reviews.links: each review site once');
    for (const gating of [{ minScore: 9 }, { onlyPromoters: true }, { links: [{ name: 'Google', url: 'https://g.example', minScore: 9 }] }]) {
      expect(() => parseConfig({ reviews: gating }, {})).toThrow(/unknown key; review links are offered to every customer in the same words whatever their score: asking only happy customers \(review gating\) breaks Google's and Trustpilot's rules and the FTC's guidance/);
    }
  });

  it('promises a call-back on the thank-you page only when the owner sets its hours', () => {
    expect(parseConfig({}, {}).survey.callBackWithinHours).toBeUndefined();
    expect(parseConfig({}, { EARSHOT_CALL_BACK_HOURS: '24' }).survey.callBackWithinHours).toBe(24);
  });
});
