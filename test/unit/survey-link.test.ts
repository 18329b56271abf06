import { describe, expect, it } from 'vitest';
import { createSurveyToken, surveyUrl, verifySurveyToken } from '#shared/domain/survey-link.ts';

const SECRET = 'a-secret-key-for-survey-links-0001';

describe('survey links', () => {
  it('are short enough for an SMS and verify with the key', () => {
    const { surveyId, token } = createSurveyToken(SECRET);
    const url = surveyUrl('https://feedback.cornerbakery.example', token);
    expect(url.length).toBeLessThan(80);
    expect(verifySurveyToken(SECRET, token)).toBe(surveyId);
  });

  it('refuse a tampered token, a token signed with another key, and junk', () => {
    const { token } = createSurveyToken(SECRET);
    const flipped = token.slice(0, 3) + (token[3] === 'a' ? 'b' : 'a') + token.slice(4);
    expect(verifySurveyToken(SECRET, flipped)).toBeUndefined();
    expect(verifySurveyToken('another-secret-key-0000000000000', token)).toBeUndefined();
    expect(verifySurveyToken(SECRET, '')).toBeUndefined();
    expect(verifySurveyToken(SECRET, `${token}x`)).toBeUndefined();
    expect(verifySurveyToken(SECRET, '../../etc/passwd')).toBeUndefined();
  });

  it('are unique', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => createSurveyToken(SECRET).token));
    expect(tokens.size).toBe(1000);
  });
});
