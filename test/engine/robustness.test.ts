// Nothing received from the network may throw out of the engine (garbled hellos, wrong reply types,
// unknown ids, any argv): it is counted and ignored, as Sentinel does.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { InfoReply, Reply } from '../../src/engine/io.js';
import { introducePeers, standardWorld } from './harness.js';

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', '*', '-1', '6379', '10.0.0.1', 'mymaster', 'PONG'),
);
const maybeInt = fc.option(fc.integer({ min: -70000, max: 70000 }));
const info: fc.Arbitrary<InfoReply> = fc.record({
  runId: fc.option(fc.oneof(text, fc.constantFrom('1'.repeat(40), 'z'.repeat(45)))),
  role: fc.constantFrom('master' as const, 'slave' as const, null),
  masterHost: fc.option(text),
  masterPort: maybeInt,
  masterLinkStatus: fc.constantFrom('up' as const, 'down' as const, null),
  masterLinkDownSinceSeconds: maybeInt,
  slavePriority: maybeInt,
  slaveReplOffset: maybeInt,
  replicaAnnounced: maybeInt,
  slaves: fc.array(fc.record({ host: text, port: fc.integer({ min: -5, max: 70000 }) }), { maxLength: 3 }),
});
const reply: fc.Arbitrary<Reply> = fc.letrec<{ r: Reply }>((tie) => ({
  r: fc.oneof(
    { depthSize: 'small' },
    fc.record({ kind: fc.constant('status' as const), text }),
    fc.record({ kind: fc.constant('error' as const), text }),
    fc.record({ kind: fc.constant('int' as const), value: fc.integer() }),
    fc.record({ kind: fc.constant('bulk' as const), value: text }),
    fc.constant({ kind: 'null' as const }),
    fc.record({ kind: fc.constant('array' as const), items: fc.array(tie('r'), { maxLength: 4 }) }),
    fc.record({ kind: fc.constant('info' as const), info }),
  ),
})).r;

const SUBCOMMANDS = [
  'masters',
  'master',
  'replicas',
  'sentinels',
  'get-master-addr-by-name',
  'is-master-down-by-addr',
  'failover',
  'reset',
  'ckquorum',
  'monitor',
  'remove',
  'set',
  'config',
  'flushconfig',
  'myid',
  'info-cache',
  'pending-scripts',
  'simulate-failure',
  'debug',
  'help',
  'bogus',
];

const input = fc.oneof(
  fc.record({ k: fc.constant('answer' as const), idx: fc.nat(), reply }),
  fc.record({ k: fc.constant('reply' as const), conn: fc.nat(40), req: fc.nat(400), reply }),
  fc.record({
    k: fc.constant('message' as const),
    conn: fc.nat(40),
    channel: fc.constantFrom('__sentinel__:hello', 'x'),
    payload: fc.array(text, { maxLength: 9 }).map((a) => a.join(',')),
  }),
  fc.record({ k: fc.constant('command' as const), argv: fc.array(text, { maxLength: 7 }) }),
  fc.record({
    k: fc.constant('sentinel' as const),
    argv: fc
      .tuple(
        fc.constantFrom(...SUBCOMMANDS),
        fc.array(fc.oneof(text, fc.constantFrom('mymaster', '*', 'quorum', 'get', 'set', 'help', '2')), {
          maxLength: 6,
        }),
      )
      .map(([sub, rest]) => [sub, ...rest]),
  }),
  // Near-valid hellos, sent directly with PUBLISH: 8 fields, plausible values, random epochs/addresses.
  fc.record({
    k: fc.constant('command' as const),
    argv: fc
      .tuple(
        fc.constantFrom('10.0.0.11', '10.0.0.12', '10.0.0.13', 'x'),
        fc.constantFrom('26379', '0', '70000'),
        fc.constantFrom('b'.repeat(40), 'c'.repeat(40), 'd'.repeat(40)),
        fc.nat(5).map(String),
        fc.constantFrom('mymaster', 'other'),
        fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.3'),
        fc.constantFrom('6379', '6380'),
        fc.nat(5).map(String),
      )
      .map((t) => ['PUBLISH', '__sentinel__:hello', t.join(',')]),
  }),
  fc.record({ k: fc.constant('closed' as const), conn: fc.nat(40) }),
  fc.record({ k: fc.constant('tick' as const), dtMs: fc.integer({ min: -100, max: 4000 }) }),
);

describe('robustness', () => {
  test.prop([fc.array(input, { maxLength: 60 })], { numRuns: 150 })(
    'any sequence of garbled inputs never throws, and epochs never go down nor votes repeat an epoch',
    (inputs) => {
      const { h, p1, p2 } = standardWorld();
      h.runFor(500);
      introducePeers(h, [p1, p2]);
      // Safety bookkeeping across the run (§7.1, §7.2), for as long as the same master record lives.
      let record = h.s.master('mymaster');
      let last = {
        current: h.s.currentEpoch,
        config: record?.configEpoch ?? 0,
        leader: record?.leaderEpoch ?? 0,
      };
      let voteEvents = 0;
      const votedEpochs = new Set<string>();
      const checkEpochs = (): void => {
        expect(h.s.currentEpoch).toBeGreaterThanOrEqual(last.current);
        const now = h.s.master('mymaster');
        if (now !== undefined && now === record) {
          expect(now.configEpoch).toBeGreaterThanOrEqual(last.config);
          expect(now.leaderEpoch).toBeGreaterThanOrEqual(last.leader);
          for (const e of h.events.slice(voteEvents)) {
            if (e.type !== '+vote-for-leader') continue;
            const epoch = e.message.split(' ')[1]!;
            expect(votedEpochs.has(epoch), `second vote in epoch ${epoch}`).toBe(false);
            votedEpochs.add(epoch);
          }
        } else {
          votedEpochs.clear();
        }
        voteEvents = h.events.length;
        record = now;
        last = { current: h.s.currentEpoch, config: now?.configEpoch ?? 0, leader: now?.leaderEpoch ?? 0 };
      };
      for (const i of inputs) {
        switch (i.k) {
          case 'answer': {
            // Answer one of the engine's recent requests with an arbitrary reply.
            const sends = h.effects.filter((e) => e.kind === 'send').slice(-40);
            const e = sends[i.idx % Math.max(sends.length, 1)];
            if (e?.kind === 'send') h.s.handleReply(h.nowMs, e.connId, e.reqId, i.reply);
            break;
          }
          case 'reply':
            h.s.handleReply(h.nowMs, i.conn, i.req, i.reply);
            break;
          case 'message':
            h.s.handleMessage(h.nowMs, i.conn, i.channel, i.payload);
            break;
          case 'command':
            h.s.handleCommand(h.nowMs, i.argv, { protocol: 2 });
            break;
          case 'sentinel':
            h.s.handleCommand(h.nowMs, ['SENTINEL', ...i.argv], { protocol: 3 });
            break;
          case 'closed':
            h.s.handleClosed(h.nowMs, i.conn);
            break;
          case 'tick':
            h.nowMs += i.dtMs;
            h.s.handleTick(h.nowMs);
            break;
        }
        h.pump();
        checkEpochs();
      }
      h.runFor(2000);
      expect(h.s.currentEpoch).toBeGreaterThanOrEqual(0);
    },
  );
});
