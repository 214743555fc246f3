// The harness's application clients: ioredis in Sentinel mode, discovering the master through the
// client→sentinel proxies (so partitions of sentinels reach clients too), writing unique integers with
// SADD at the scenario's rate, one operation at a time, each recorded as invoke then ok/fail/info:
//   ok   — the server answered an integer (acknowledged);
//   fail — definitely not applied: an error reply (-READONLY, -NOREPLICAS…) or not sent at all (no
//          connection; the offline queue is off, so nothing is sent later behind our back);
//   info — unknown: timed out, or the connection died with the command in flight.
// `updateSentinels` is off so that ioredis does not add the sentinels' announced addresses and bypass
// the client's own proxies. +switch-master is followed at once by FollowingClient's own watcher, not
// ioredis' failoverDetector, whose race ends the client for good (following-client.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { HistoryPayload } from '../../check/history.js';
import { clientNodes } from '../../scenarios/topology.js';
import type { Cluster } from './cluster.js';
import { FollowingClient } from './following-client.js';
import type { Recorder } from './recorder.js';

export const WRITE_KEY = 'set';
export const OPS_PER_CLIENT = 1_000_000;

type OpPayload = Extract<HistoryPayload, { kind: 'op' }>;

function classify(error: unknown): { phase: 'fail' | 'info'; error: string } {
  const message = error instanceof Error ? error.message : String(error);
  const isReply = error instanceof Error && error.name === 'ReplyError';
  const notSent = /Stream isn't writeable|enableOfflineQueue/i.test(message);
  return { phase: isReply || notSent ? 'fail' : 'info', error: message.split('\n')[0]! };
}

export class WorkloadClient {
  private client: FollowingClient;
  /** How many times the ioredis client had ended and was replaced (see reviveIfEnded). */
  restarts = 0;
  private running = true;
  private loop: Promise<void> = Promise.resolve();
  private next = 1;

  constructor(
    readonly node: string,
    private readonly index: number,
    private readonly cluster: Cluster,
    private readonly rec: Recorder,
  ) {
    this.client = this.connect();
  }

  private get redis(): Redis {
    return this.client.redis;
  }

  private connect(): FollowingClient {
    const w = this.cluster.scenario.workload;
    return new FollowingClient({
      sentinels: this.cluster.clientLinks.get(this.node)!.map((l) => l.listen),
      name: this.cluster.scenario.sentinel.masterName,
      timeoutMs: w.opTimeoutMs,
      extra: {
        protocol: 2,
        updateSentinels: false,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: w.opTimeoutMs,
        reconnectOnError: (err) => /READONLY/.test(err.message),
      },
    });
  }

  /**
   * A safety net: with ioredis' failoverDetector, ioredis 6.0.0 sometimes ended the client for good
   * right after +switch-master (following-client.ts has the cause; FollowingClient avoids it). Should a
   * client still end, it is replaced before the next operation, as an application would, and counted.
   */
  private reviveIfEnded(): void {
    if (this.redis.status !== 'end') return;
    this.restarts++;
    this.client.close();
    this.client = this.connect();
  }

  /** Waits (≤ 5 s) for the first connection, then writes until stop(). */
  async start(): Promise<void> {
    const deadline = Date.now() + 5000;
    while (this.redis.status !== 'ready' && Date.now() < deadline) await sleep(20);
    this.loop = this.writeLoop();
  }

  /** The node behind the proxy the data connection is on (its remote port is the node's proxy). */
  private target(): string | null {
    const port = (this.redis as unknown as { stream?: { remotePort?: number } }).stream?.remotePort;
    return port === undefined ? null : this.cluster.nodeAt({ host: '127.0.0.1', port });
  }

  private async writeLoop(): Promise<void> {
    const periodMs = 1000 / this.cluster.scenario.workload.writesPerSec;
    let dueMs = this.rec.nowMs();
    while (this.running) {
      this.reviveIfEnded();
      await this.writeOnce();
      dueMs += periodMs;
      await sleep(Math.max(0, dueMs - this.rec.nowMs()));
    }
  }

  private async writeOnce(): Promise<void> {
    const value = this.index * OPS_PER_CLIENT + this.next++;
    const target = this.redis.status === 'ready' ? this.target() : null;
    const base = { kind: 'op', opId: value, op: 'write', key: WRITE_KEY, value, target } as const;
    this.rec.record(this.node, { ...base, phase: 'invoke' });
    let done: OpPayload;
    try {
      await this.redis.sadd(WRITE_KEY, String(value));
      done = { ...base, phase: 'ok' };
    } catch (error) {
      done = { ...base, ...classify(error) };
    }
    this.rec.record(this.node, done);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.client.close();
  }
}

export function startClients(cluster: Cluster, rec: Recorder): WorkloadClient[] {
  return clientNodes(cluster.scenario.topology).map((c, i) => new WorkloadClient(c, i + 1, cluster, rec));
}
