import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '#shared/config.ts';

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
    expect(cfg.business).toEqual({ name: 'Corner Bakery', timeZone: 'Europe/Madrid' });
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
});
