import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EarshotFunction } from '#infra/aws/earshot-function.ts';
import { buildApp } from '#infra/aws/app.ts';
import { CONTEXT_BINDINGS, readSettings } from '#infra/aws/settings.ts';
import { ConfigError, loadConfig } from '#shared/config.ts';
import { StatefulStack } from '#infra/aws/stateful-stack.ts';
import { FUNCTIONS } from '#infra/definitions.ts';
import { cdkJsonContext, missingHandlers } from './synth.ts';

const settingsFrom = (context: Record<string, unknown>) => readSettings(new App({ context: { ...cdkJsonContext(), ...context } }).node);

describe('deployment settings from CDK context', () => {
  it('has working defaults, with CLI telemetry off, and no setting in cdk.json that the config file could also set', () => {
    const context = cdkJsonContext();
    expect(context['cli-telemetry']).toBe(false);
    for (const key of Object.keys(context)) expect(key in CONTEXT_BINDINGS, `cdk.json sets ${key}`).toBe(false);
    expect(settingsFrom({})).toMatchObject({
      ownerEmails: ['owner@example.com'],
      fromEmail: 'earshot@example.com',
      sesIdentities: ['example.com', 'earshot@example.com'],
      timeZone: 'UTC',
      retentionDays: 730,
      logRetentionDays: 30,
      inboundRecipients: [],
      pollerSilenceMinutes: 360,
      pollerSilenceAlarmMinutes: 360,
      digest: { day: 'MON', hour: 8 },
      functionEnvironment: {},
    });
  });

  it('honours the config file over the defaults, and context keys given for the deploy over the file, as the functions will', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-config-'));
    const file = join(dir, 'earshot.json');
    const example = {
      business: { name: 'Corner Bakery', timeZone: 'Europe/Madrid' },
      owner: { emails: ['ana@cornerbakery.example', 'manager@cornerbakery.example'] },
      mail: { from: 'hello@cornerbakery.example' },
      digest: { day: 'FRI', hour: 17 },
      retentionDays: 365,
    };
    writeFileSync(file, JSON.stringify(example));
    const fromFile = settingsFrom({ configFile: file });
    expect(fromFile).toMatchObject({
      ownerEmails: example.owner.emails,
      fromEmail: 'hello@cornerbakery.example',
      sesIdentities: ['cornerbakery.example', 'hello@cornerbakery.example'],
      businessName: 'Corner Bakery',
      timeZone: 'Europe/Madrid',
      retentionDays: 365,
      digest: { day: 'FRI', hour: 17 },
    });
    // The functions get the file and nothing that would override it.
    expect(fromFile.functionEnvironment).toEqual({ EARSHOT_CONFIG_JSON: JSON.stringify(example) });
    expect(loadConfig(fromFile.functionEnvironment)).toEqual(fromFile.config);

    const overridden = settingsFrom({ configFile: file, ownerEmail: 'boss@cornerbakery.example', digestHour: 9 });
    expect(overridden.ownerEmails).toEqual(['boss@cornerbakery.example']);
    expect(overridden.digest).toEqual({ day: 'FRI', hour: 9 });
    expect(overridden.timeZone).toBe('Europe/Madrid');
    expect(overridden.functionEnvironment).toMatchObject({ EARSHOT_OWNER_EMAIL: 'boss@cornerbakery.example', EARSHOT_DIGEST_HOUR: '9' });
    expect(loadConfig(overridden.functionEnvironment)).toEqual(overridden.config);
  });

  it('validates the config file with the same strict schema and message as npm start, and keeps secrets out of it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-config-'));
    for (const [content, message] of [
      [{ business: { timezone: 'Europe/Madrid' } }, 'business.timezone: unknown key (did you mean business.timeZone?)'],
      [{ owner: { email: 'ana@shop.example' } }, 'owner.email: unknown key (did you mean owner.emails?)'],
      [{ emails: 'x' }, 'emails: unknown key (did you mean owner.emails?)'],
    ] as const) {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify(content));
      let local: unknown;
      try {
        loadConfig({ EARSHOT_CONFIG: file });
      } catch (error) {
        local = error;
      }
      expect(local).toBeInstanceOf(ConfigError);
      expect((local as Error).message).toContain(message);
      expect(() => settingsFrom({ configFile: file })).toThrow((local as Error).message.split('\n').slice(0, 2).join('\n'));
    }
    const withSecrets = join(dir, 'secrets.json');
    writeFileSync(withSecrets, JSON.stringify({ secrets: { apiKey: 'abcdefghijkl' } }));
    expect(() => settingsFrom({ configFile: withSecrets })).toThrow(/secrets: not allowed in a deployed config file/);
  });

  it('makes `cdk synth -c configFile=...` fail with that message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-config-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ owner: { email: 'ana@shop.example' } }));
    const run = promisify(execFile);
    const outdir = join(dir, 'cdk.out');
    const failure = await run('npx', ['cdk', 'synth', '--quiet', '--output', outdir, '-c', `configFile=${file}`], {
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      timeout: 170_000,
    }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain('owner.email: unknown key (did you mean owner.emails?)');
  }, 180_000);

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
  }, 120_000);
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

describe('a custom domain for survey links and the console', () => {
  const context = { customDomain: 'feedback.shop.example', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666' };

  it('is checked, and becomes the public URL unless one is given', () => {
    expect(settingsFrom(context)).toMatchObject({ publicUrl: 'https://feedback.shop.example', customDomain: { domainName: 'feedback.shop.example' } });
    expect(settingsFrom({ ...context, publicUrl: 'https://www.shop.example/feedback' }).publicUrl).toBe('https://www.shop.example/feedback');
    expect(() => settingsFrom({ customDomain: 'feedback.shop.example' })).toThrow(/customDomain and certificateArn: give both/);
    expect(() => settingsFrom({ ...context, certificateArn: 'not-an-arn' })).toThrow(/certificateArn/);
    expect(() => settingsFrom({ ...context, customDomain: 'not a domain' })).toThrow(/customDomain/);
  });

  it('maps the domain to the API with TLS 1.2, puts it in every link the functions send, and outputs the DNS target', () => {
    // Template only: bundling skipped, the functions' code is not needed to check the wiring.
    const { stateless } = buildApp(new App({ context: { ...cdkJsonContext(), ...context, 'aws:cdk:bundling-stacks': [] } }));
    const template = Template.fromStack(stateless);
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'feedback.shop.example',
      DomainNameConfigurations: [{ CertificateArn: context.certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    template.hasOutput('CustomDomainTarget', {});
    const functions = template.findResources('AWS::Lambda::Function');
    for (const fn of Object.values(functions)) expect(fn.Properties.Environment.Variables.EARSHOT_PUBLIC_URL).toBe('https://feedback.shop.example');
  }, 120_000);
});
