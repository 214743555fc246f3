// Helpers for the simulated redis-server tests: build servers in the fake kernel and talk to them.
import type { Reply } from '../../src/engine/io.js';
import type { ProcessContext, SimProcess, SimSocket } from '../../src/sim/api.js';
import { configFromSettings, redisOptionDefaults, type RedisOptions } from '../../src/sim/redis/config.js';
import { asRedisMessage } from '../../src/sim/redis/protocol.js';
import { RedisServer } from '../../src/sim/redis/server.js';
import type { RedisSettings } from '../../src/scenarios/types.js';
import { FakeKernel } from './fake-kernel.js';

export const PORT = 6379;

export const defaultSettings: RedisSettings = {
  minReplicasToWrite: 0,
  minReplicasMaxLagS: 10,
  replDisklessSyncDelayS: 5,
  replBacklogBytes: 1024 * 1024,
  persistence: 'none',
};

/** Adds redis-1 (master) and `replicas` replicas of it. */
export function cluster(
  replicas: number,
  settings: Partial<RedisSettings> = {},
  extra: Partial<RedisOptions> = {},
): FakeKernel {
  const k = new FakeKernel();
  const s = { ...defaultSettings, ...settings };
  const names = Array.from({ length: replicas + 1 }, (_, i) => `redis-${i + 1}`);
  for (const name of names) {
    const replicaOf = name === 'redis-1' ? null : { host: '10.0.0.1', port: PORT };
    const opts: RedisOptions = {
      ...redisOptionDefaults,
      port: PORT,
      config: configFromSettings(s, replicaOf),
      persistence: s.persistence,
      nodeAt: k.nodeAt,
      ...extra,
    };
    k.add(name, () => new RedisServer(opts));
  }
  return k;
}

export function server(k: FakeKernel, node: string): RedisServer {
  return k.instance<RedisServer>(node);
}

/** A test client process: one connection to a server, replies collected in order. */
export class Probe implements SimProcess {
  sock: SimSocket | null = null;
  readonly replies: Reply[] = [];
  readonly pushes: string[] = [];
  closed: string | null = null;
  ctx!: ProcessContext;
  start(ctx: ProcessContext): void {
    this.ctx = ctx;
  }
  open(host: string, port = PORT): this {
    this.closed = null;
    this.sock = this.ctx.connect(
      { host, port },
      {
        onMessage: (_s, m) => {
          const msg = asRedisMessage(m);
          if (msg?.t === 'reply') this.replies.push(msg.reply);
          if (msg?.t === 'push') this.pushes.push(msg.message);
        },
        onClose: (_s, reason) => {
          this.closed = reason;
        },
      },
    );
    return this;
  }
  send(...argv: string[]): void {
    this.sock!.send({ t: 'cmd', argv });
  }
}

export function probe(k: FakeKernel, name: string, host = '10.0.0.1'): Probe {
  k.add(name, () => new Probe());
  return k.instance<Probe>(name).open(host);
}

export function members(k: FakeKernel, node: string, key = 'k'): number[] {
  return [...(server(k, node).sets.get(key) ?? [])].map(Number).sort((a, b) => a - b);
}
