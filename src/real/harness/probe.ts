// Observer connections of the harness: ioredis clients straight to a process's real port (never through
// a proxy, so faults do not blind the observer). Short timeouts, no offline queue: a crashed node fails
// at once, a paused one times out, and the poller simply records nothing for it that round.
import { Redis } from 'ioredis';
import type { Address } from '../../engine/io.js';

const COMMAND_TIMEOUT_MS = 400;

export function observerClient(addr: Address): Redis {
  const client = new Redis({
    host: addr.host,
    port: addr.port,
    protocol: 2,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: () => 100,
  });
  client.on('error', () => {
    // Expected while the node is down or paused; the pollers treat a failed command as "no answer".
  });
  return client;
}

/** One command on a fresh connection, then disconnect. */
export async function commandOnce(addr: Address, argv: readonly string[]): Promise<unknown> {
  const client = new Redis({
    host: addr.host,
    port: addr.port,
    protocol: 2,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: () => null,
  });
  client.on('error', () => {
    // Reported through the command's rejection.
  });
  try {
    const [cmd, ...args] = argv;
    return await client.call(cmd!, ...args);
  } finally {
    client.disconnect();
  }
}
