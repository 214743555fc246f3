// The `sentinel-lab` command: parses arguments and dispatches to one module per command.
// Usage errors and bad input print one line (`sentinel-lab: <message>`) and exit 2.
import { Command, CommanderError } from 'commander';
import { labVersion } from '../chaos/version.js';
import { errorCode, isInputError } from './errors.js';
import { COMMANDS } from './commands.js';

const program = new Command('sentinel-lab')
  .description('Deterministic simulation and real-process chaos testing for Redis Sentinel failover')
  .version(labVersion(), '-V, --version', 'print the sentinel-lab version');
program.exitOverride();
program.configureOutput({
  // Commander's own messages start with "error: "; keep them to one prefixed line.
  outputError: (text, write) =>
    write(
      `sentinel-lab: ${text
        .replace(/^error: /, '')
        .trim()
        .replace(/\s*\n\s*/g, ' ')}\n`,
    ),
});
for (const command of COMMANDS) command.register(program);

// `sentinel-lab scenarios | head`: a reader that goes away is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

function fail(message: string, exitCode: number): never {
  process.stderr.write(`sentinel-lab: ${message.split('\n')[0]}\n`);
  process.exit(exitCode);
}

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are not errors; everything else Commander rejects is a usage error.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  if (isInputError(error)) fail((error as Error).message, 2);
  // Anything else is a bug: still one line, with the code when there is one; exit 1 (the run failed).
  fail(`internal error${errorCode(error) ? ` [${errorCode(error)}]` : ''}: ${(error as Error).message}`, 1);
}
