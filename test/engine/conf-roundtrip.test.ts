import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { parseSentinelConf, rewriteSentinelConf } from '../../src/engine/conf.js';
import type { MasterConf, SentinelConf } from '../../src/engine/conf-types.js';

// Random but valid SentinelConf values: every field the parser accepts, with strings that need quoting.
const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
const id40 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 });
const port = fc.integer({ min: 0, max: 65535 });
const epoch = fc.nat({ max: 1_000_000 });
const ip = fc.oneof(fc.ipV4(), fc.constantFrom('::1', 'fe80::1', '2001:db8::7'));
const addr = fc.record({ host: ip, port });

function masterArb(name: string): fc.Arbitrary<MasterConf> {
  return fc.record({
    name: fc.constant(name),
    host: ip,
    port,
    quorum: fc.integer({ min: 1, max: 9 }),
    downAfterMs: fc.oneof(fc.constant(30000), fc.integer({ min: 1, max: 1e7 })),
    failoverTimeoutMs: fc.oneof(fc.constant(180000), fc.integer({ min: 1, max: 1e7 })),
    parallelSyncs: fc.integer({ min: -5, max: 10 }),
    masterRebootDownAfterPeriodMs: fc.oneof(fc.constant(0), fc.nat({ max: 1e6 })),
    notificationScript: fc.option(text),
    clientReconfigScript: fc.option(text),
    authPass: fc.option(text),
    authUser: fc.option(text),
    renameCommands: fc.uniqueArray(fc.tuple(text, text), {
      maxLength: 3,
      selector: ([a]) => a.toLowerCase(),
    }),
    configEpoch: epoch,
    leaderEpoch: epoch,
    knownReplicas: fc.uniqueArray(addr, { maxLength: 4, selector: (a) => `${a.host}:${a.port}` }),
    // Peers are unique by run id and by address (the parser ignores a repeat of either).
    knownSentinels: fc
      .uniqueArray(fc.record({ host: ip, port, runId: id40 }), { maxLength: 4, selector: (s) => s.runId })
      .map((peers) =>
        peers.filter((p, i) => peers.findIndex((q) => q.host === p.host && q.port === p.port) === i),
      ),
  });
}

const confArb: fc.Arbitrary<SentinelConf> = fc
  .uniqueArray(text, { maxLength: 3 })
  .chain((names) => fc.tuple(...names.map(masterArb)))
  .chain((masters) =>
    fc.record({
      port,
      bind: fc.array(fc.constantFrom('127.0.0.1', '::1', '10.0.0.1'), { maxLength: 3 }),
      myid: fc.option(id40),
      currentEpoch: fc.nat({ max: 1_000_000 }).map((e) => Math.max(e, ...masters.map((m) => m.configEpoch))),
      announceIp: fc.option(text),
      announcePort: port,
      denyScriptsReconfig: fc.boolean(),
      resolveHostnames: fc.constant(false),
      announceHostnames: fc.boolean(),
      sentinelUser: fc.option(text),
      sentinelPass: fc.option(text),
      requirepass: fc.option(text),
      loglevel: fc.constantFrom('debug', 'verbose', 'notice', 'warning', 'nothing'),
      masters: fc.constant(masters),
    }),
  );

describe('sentinel.conf round trips', () => {
  test.prop([confArb], { numRuns: 150 })('parse(rewrite("", conf)) equals conf', (conf) => {
    expect(parseSentinelConf(rewriteSentinelConf('', conf))).toEqual(conf);
  });

  test.prop([confArb, confArb], { numRuns: 100 })(
    'rewriting a file written for another state yields exactly the new state, and rewrite∘rewrite is a fixed point',
    (before, after) => {
      const first = rewriteSentinelConf(rewriteSentinelConf('# user comment\n', before), after);
      expect(parseSentinelConf(first)).toEqual(after);
      const second = rewriteSentinelConf(first, after);
      expect(rewriteSentinelConf(second, after)).toBe(second);
      expect(first).toContain('# user comment\n');
    },
  );
});
