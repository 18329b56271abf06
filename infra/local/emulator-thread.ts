/**
 * One emulator on a thread of its own (see startEmulatorThread): the thread's data names which
 * and with what options; it is ready with the emulator's endpoint.
 */
import { startDynamo, startSes, startSqsS3, type EmulatorSpec } from '#infra/local/emulators.ts';
import { serveThread } from '#infra/local/threads.ts';

serveThread(async (spec: EmulatorSpec) => {
  const emulator = spec.kind === 'dynamodb' ? await startDynamo(spec.options) : spec.kind === 'sqs-s3' ? await startSqsS3(spec.options) : await startSes(spec.options);
  return { ready: emulator.endpoint, stop: () => emulator.stop() };
});
