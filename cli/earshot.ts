/**
 * The Earshot command line: `npm run -s earshot -- <command> [options]`.
 */
import { loadConfig } from '#shared/config.ts';
import { classifyCommand } from './classify.ts';

interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  classify: {
    summary: 'classify JSON Lines from stdin ({"id","text","channel"?}) and write one JSON line per input',
    run: () => classifyCommand(process.stdin, process.stdout, loadConfig().classifier.extraTopics),
  },
  digest: {
    summary: '--preview [--out FILE]: render the digest of the last 7 days from the stored data, without sending it',
    // Loaded when used, so that classify starts without the digest's AWS clients.
    run: async (args) => (await import('./digest.ts')).digestCommand(args, process.stdout, process.stderr),
  },
  secrets: {
    summary: 'show | rotate <api-key|webhook-secret|link-key>: where the API key and webhook secret are, and rotation',
    run: async (args) => (await import('./secrets.ts')).secretsCommand(args, process.stdout, process.stderr),
  },
  smoke: {
    summary: '[--url URL --table NAME]: post a signed test mention and report the alert’s SES message id',
    run: async (args) => (await import('./smoke.ts')).smokeCommand(args, process.stdout, process.stderr),
  },
  cost: {
    summary: '[ITEMS...]: monthly AWS cost per service, idle and at 1,000 and 10,000 items a month',
    run: async (args) => (await import('./cost.ts')).costCommand(args, process.stdout),
  },
  redrive: {
    summary: '[--queue NAME|all] [--max N] [--dry-run]: move dead-letter messages back to their queues after a fix',
    run: async (args) => (await import('./redrive.ts')).redriveCommand(args, process.stdout, process.stderr),
  },
  help: {
    summary: 'show this help',
    run: async () => {
      usage(process.stdout);
      return 0;
    },
  },
};

function usage(stream: NodeJS.WritableStream): void {
  stream.write('Usage: npm run -s earshot -- <command> [options]\n\nCommands:\n');
  for (const [name, command] of Object.entries(COMMANDS)) stream.write(`  ${name.padEnd(10)} ${command.summary}\n`);
}

const [name = 'help', ...args] = process.argv.slice(2);
const command = COMMANDS[name];
if (!command) {
  process.stderr.write(`Unknown command: ${name}\n\n`);
  usage(process.stderr);
  process.exitCode = 2;
} else {
  process.exitCode = await command.run(args);
}
