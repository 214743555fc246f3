// Engine sentinels and a real redis-sentinel monitor one master together (2 engine + 1 real, quorum
// 2). They must see each other through hello messages (§9), and a SIGKILL of the master must lead to
// one failover that both kinds agree on, with leader votes crossing between the kinds (§7).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBinary } from '../../src/real/binaries.js';
import { Group } from './sentinels.js';
import { eventually, requireBinaries, skipReal } from './support.js';

const run = promisify(execFile);

async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run(findBinary('redis-cli'), ['-p', String(port), ...args], { timeout: 5000 });
  return stdout;
}

/** "+vote-for-leader <runid> <epoch>" lines of a log. */
function votes(log: string): { runId: string; epoch: number }[] {
  return [...log.matchAll(/\+vote-for-leader ([0-9a-f]{40}) (\d+)/g)].map((m) => ({
    runId: m[1]!,
    epoch: Number(m[2]),
  }));
}

describe.skipIf(skipReal)('engine sentinels and redis-sentinel together', () => {
  let g: Group;
  const ids = new Map<string, 'engine' | 'real'>();

  beforeAll(async () => {
    requireBinaries(['redis-server', 'redis-sentinel', 'redis-cli']);
    g = await new Group({ engineSentinels: 2, realSentinels: 1, quorum: 2 }).start();
    for (const s of g.sentinels) {
      ids.set((await redisCli(s.address.port, 'SENTINEL', 'myid')).trim(), s.kind);
    }
  });
  afterAll(async () => {
    await g?.close();
  });

  it('each sentinel lists the two others in SENTINEL SENTINELS, on both kinds', async () => {
    let outs: string[] = [];
    const ok = await eventually(async () => {
      outs = await Promise.all(
        g.sentinels.map((s) => redisCli(s.address.port, 'SENTINEL', 'sentinels', 'm')),
      );
      return outs.every((o) => (o.match(/^flags\nsentinel$/gm) ?? []).length === 2);
    }, 15_000);
    expect(ok, outs.join('\n---\n')).toBe(true);
    for (const [i, s] of g.sentinels.entries()) {
      const others = [...ids.keys()].filter((id) => !outs[i]!.includes(`runid\n${id}`));
      expect(others, `${s.name} misses nobody but itself`).toHaveLength(1);
    }
  });

  it('a SIGKILL of the master gives one failover that engine and redis-sentinel agree on', async () => {
    const old = `${g.master.address.host} ${g.master.address.port}`;
    const t0 = Date.now();
    await g.master.proc.kill();
    let addrs: string[] = [];
    const agreed = await eventually(async () => {
      addrs = await g.masterAddrs();
      const switched = g.sentinels.every((s) => s.logText().includes('+switch-master'));
      return switched && addrs.every((a) => a === addrs[0]) && addrs[0] !== old.replace(' ', ':');
    }, 30_000);
    const logs = g.sentinels.map((s) => `== ${s.name}\n${s.logText()}`).join('\n');
    expect(agreed, `${addrs.join(' ')}\n${logs}`).toBe(true);
    console.log(`mixed failover (2 engine + 1 redis-sentinel): agreed after ${Date.now() - t0} ms`);
    const newAddr = addrs[0]!.replace(':', ' ');
    for (const s of g.sentinels) {
      const switches = s.logText().match(/\+switch-master .*/g) ?? [];
      expect(switches, s.name).toEqual([`+switch-master m ${old} ${newAddr}`]);
    }
    // Votes crossed kinds (§7): either a sentinel cast +vote-for-leader for a leader of the other kind,
    // or redis-sentinel, asking for votes itself, logged the replies of engine sentinels
    // ("<voter> voted for <leader> <epoch>", its is-master-down-by-addr reply handling).
    const crossing = g.sentinels.flatMap((s) =>
      votes(s.logText())
        .filter((v) => ids.get(v.runId) !== undefined && ids.get(v.runId) !== s.kind)
        .map((v) => `${s.name} voted for ${ids.get(v.runId)} ${v.runId.slice(0, 8)} in epoch ${v.epoch}`),
    );
    for (const s of g.sentinels.filter((x) => x.kind === 'real')) {
      for (const m of s.logText().matchAll(/([0-9a-f]{40}) voted for ([0-9a-f]{40}) (\d+)/g)) {
        if (ids.get(m[1]!) === 'engine')
          crossing.push(`engine ${m[1]!.slice(0, 8)} answered ${s.name}'s vote request`);
      }
    }
    console.log(crossing.join('\n'));
    expect(crossing.length, logs).toBeGreaterThan(0);
    // Everyone ends with the same config epoch for the master.
    const epochs = await Promise.all(
      g.sentinels.map(async (s) => {
        const out = await redisCli(s.address.port, 'SENTINEL', 'master', 'm');
        return out.match(/^config-epoch\n(\d+)$/m)?.[1];
      }),
    );
    expect(new Set(epochs).size, epochs.join(',')).toBe(1);
  });
});
