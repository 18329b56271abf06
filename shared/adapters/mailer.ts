import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { tableOf } from '#shared/adapters/dynamo/repository.ts';
import { DynamoSuppressionList } from '#shared/adapters/dynamo/suppression.ts';
import { SesMailer } from '#shared/adapters/ses-mailer.ts';
import { SuppressingMailer } from '#shared/adapters/suppressing-mailer.ts';
import type { Config } from '#shared/config.ts';
import type { Mailer } from '#shared/ports/mailer.ts';

/**
 * The mailer every function sends through: SES v2 through the configuration set (so SES reports
 * bounces and complaints), never to an address that bounced for good or complained.
 */
export function createMailer(config: Config, ses: SESv2Client, dynamo: DynamoDBDocumentClient): Mailer {
  return new SuppressingMailer(new SesMailer(ses, config.mail.from, config.mail.configurationSet), new DynamoSuppressionList(dynamo, tableOf(config)));
}
