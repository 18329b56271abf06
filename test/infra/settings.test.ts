import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EarshotFunction } from '#infra/aws/earshot-function.ts';
import { readSettings } from '#infra/aws/settings.ts';
import { StatefulStack } from '#infra/aws/stateful-stack.ts';
import { FUNCTIONS } from '#infra/definitions.ts';
import { cdkJsonContext, missingHandlers } from './synth.ts';

const settingsFrom = (context: Record<string, unknown>) => readSettings(new App({ context: { ...cdkJsonContext(), ...context } }).node);

describe('deployment settings from CDK context', () => {
  it('has working defaults in cdk.json, with CLI telemetry off', () => {
    const context = cdkJsonContext();
    expect(context['cli-telemetry']).toBe(false);
    expect(settingsFrom({})).toMatchObject({
      ownerEmails: ['owner@example.com'],
      fromEmail: 'earshot@example.com',
      sesIdentities: ['example.com', 'earshot@example.com'],
      timeZone: 'UTC',
      retentionDays: 730,
      inboundRecipients: [],
      pollerSilenceMinutes: 360,
      pollerSilenceAlarmMinutes: 360,
      digest: { day: 'MON', hour: 8 },
    });
  });

  it('reads lists, numbers and an explicit SES identity', () => {
    expect(
      settingsFrom({ ownerEmail: 'a@shop.example, b@shop.example', sesIdentity: 'mail.shop.example', inboundRecipients: ['shop.example'], retentionDays: '90', digestDay: 'sun', publicUrl: 'https://feedback.shop.example/' }),
    ).toMatchObject({
      ownerEmails: ['a@shop.example', 'b@shop.example'],
      sesIdentities: ['mail.shop.example'],
      inboundRecipients: ['shop.example'],
      retentionDays: 90,
      digest: { day: 'SUN', hour: 8 },
      publicUrl: 'https://feedback.shop.example',
    });
  });

  it('stops synth with a message naming the context key on a bad value', () => {
    expect(() => settingsFrom({ ownerEmail: 'not-an-address' })).toThrow(/ownerEmail/);
    expect(() => settingsFrom({ timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
    expect(() => settingsFrom({ logRetentionDays: 10 })).toThrow(/logRetentionDays/);
    expect(() => settingsFrom({ digestDay: 'someday' })).toThrow(/digestDay/);
    expect(() => settingsFrom({ digestHour: 24 })).toThrow(/digestHour/);
    expect(() => settingsFrom({ retentionDays: 0 })).toThrow(/retentionDays/);
    expect(() => settingsFrom({ inboundRecipients: 'not a domain' })).toThrow(/inboundRecipients/);
    expect(() => settingsFrom({ pollerSilenceAlarmMinutes: 2000 })).toThrow(/pollerSilenceAlarmMinutes/);
    expect(() => settingsFrom({ publicUrl: 'http://insecure.example' })).toThrow(/publicUrl/);
  });

  it('passes a config file to the functions, within the Lambda environment limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-config-'));
    const small = join(dir, 'small.json');
    writeFileSync(small, JSON.stringify({ mentions: { sources: [{ type: 'rss', id: 'alerts', url: 'https://example.com/feed' }] } }, null, 2));
    expect(settingsFrom({ configFile: small }).configJson).toBe('{"mentions":{"sources":[{"type":"rss","id":"alerts","url":"https://example.com/feed"}]}}');
    const large = join(dir, 'large.json');
    writeFileSync(large, JSON.stringify({ classifier: { extraTopics: { big: Array.from({ length: 400 }, (_, i) => `word${i}`) } } }));
    expect(() => settingsFrom({ configFile: large })).toThrow(/configFile.*4 KB/);
    expect(() => settingsFrom({ configFile: join(dir, 'missing.json') })).toThrow(/configFile/);
  });
});

describe('the stateful stack without inbound recipients', () => {
  it('creates no receipt rule, but still notifies the inbound-email queue', () => {
    const app = new App({ context: cdkJsonContext() });
    const stack = new StatefulStack(app, 'EarshotData', readSettings(app.node));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    template.resourceCountIs('AWS::SES::ReceiptRule', 0);
    template.resourceCountIs('Custom::S3BucketNotifications', 1);
  });
});

describe('the function construct', () => {
  it('finds every handler FUNCTIONS names', () => {
    expect(missingHandlers()).toEqual([]);
  });

  it('stops synth naming the handler file when one is missing', () => {
    const stack = new Stack(new App(), 'Probe');
    expect(
      () => new EarshotFunction(stack, 'Missing', { definition: { ...FUNCTIONS.orders, name: 'no-such-function' }, environment: {}, logRetentionDays: 30 }),
    ).toThrow('functions/no-such-function/handler.ts does not exist');
  });
});
