/**
 * A feedback-queue consumer in a process of its own (the local event source mapping invoking the
 * real handler), so a fault test can kill it with SIGKILL in the middle of a batch. Configured by
 * the environment the test passes; prints "ready" once polling.
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { handler } from '#functions/process-feedback/handler.ts';
import { createSqsClient } from '#shared/adapters/sqs-client.ts';
import { loadConfig } from '#shared/config.ts';
import { localContext } from '#infra/local/lambda-context.ts';
import { SqsPoller } from '#infra/local/sqs-poller.ts';

// The test that started this process holds an IPC channel: when that test process goes away for
// any reason, so does this consumer.
process.on('disconnect', () => process.exit(0));

const queueUrl = process.env.EARSHOT_FEEDBACK_QUEUE_URL!;
const sqs = createSqsClient(loadConfig());
const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
new SqsPoller({
  sqs,
  queueUrl,
  queueArn: arn,
  handler,
  context: () => localContext('process-feedback', 30),
  batchSize: 10,
}).start();
console.log('ready');
