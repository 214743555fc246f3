// Message capture (src/sim/message-capture.ts) is opt-in and only observes: with it on, a run is the
// same run plus `message` records. The regression corpus is the reference: every case must give its
// recorded trace hash with capture on too.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/api.js';
import type { History, HistoryRecord } from '../../src/check/history.js';
import { checkHistory } from '../../src/check/index.js';
import { readCase } from '../../src/chaos/regression.js';
import { resolveScenario } from '../../src/cli/scenarios.js';
import { failoverWindows } from '../../src/report/windows.js';
import { createKernelPort } from '../../src/sim/kernel-port.js';
import { summarize } from '../../src/sim/message-capture.js';
import { simulate, withoutMessages } from '../../src/sim/run.js';
import { engineSentinelFactory } from '../../src/sim/sentinel-process.js';
import type { WorldOptions } from '../../src/sim/world.js';

const world: WorldOptions = { sentinelFactory: engineSentinelFactory };
const regressions = join(import.meta.dirname, '..', 'regressions');

type MessageRecord = HistoryRecord & { payload: { kind: 'message' } };
function messages(history: History): MessageRecord[] {
  return history.filter((r): r is MessageRecord => r.payload.kind === 'message');
}

describe('message capture', () => {
  const scenario = resolveScenario('master-crash');
  const plain = simulate(scenario, 1, createKernelPort, world);
  const captured = simulate(scenario, 1, createKernelPort, { ...world, captureMessages: true });

  it('is off by default: a run without the option has no message records', () => {
    expect(messages(plain.history)).toEqual([]);
  });

  it('only adds message records: the rest of the history, the trace and its hash are unchanged', () => {
    expect(messages(captured.history).length).toBeGreaterThan(1000);
    expect(withoutMessages(captured.history)).toEqual(plain.history);
    expect(captured.traceHash).toBe(plain.traceHash);
    expect(captured.traceJsonl).toBe(plain.traceJsonl);
    const verdicts = (h: History): unknown =>
      checkHistory(h, scenario.expect).map((v) => [v.invariant, v.valid]);
    expect(verdicts(captured.history)).toEqual(verdicts(plain.history));
  });

  it('is offered by the library API: runScenario(…, { captureMessages: true }) gives the same run', () => {
    const run = runScenario(scenario, 1, { captureMessages: true });
    expect(run.traceHash).toBe(plain.traceHash);
    expect(messages(run.history).length).toBe(messages(captured.history).length);
  });

  it('pairs each receive with an earlier send of the same message id, endpoints and summary', () => {
    const sends = new Map<number, MessageRecord>();
    let received = 0;
    for (const r of messages(captured.history)) {
      const p = r.payload;
      if (p.phase === 'send') {
        expect(sends.has(p.msgId), `msgId ${p.msgId} sent twice`).toBe(false);
        expect(r.node).toBe(p.from);
        sends.set(p.msgId, r);
        continue;
      }
      received++;
      const s = sends.get(p.msgId);
      expect(s, `receive of msgId ${p.msgId} has no send`).toBeDefined();
      expect(r.node).toBe(p.to);
      expect(s!.payload).toMatchObject({ from: p.from, to: p.to, summary: p.summary });
      expect(r.trueMs).toBeGreaterThanOrEqual(s!.trueMs);
    }
    // The master's box crashes: some messages to it are never received.
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(sends.size);
  });

  it('captures Sentinel conversations only: no client traffic, no replication stream', () => {
    for (const r of messages(captured.history)) {
      const { from, to, summary } = r.payload;
      expect(
        [from, to].some((n) => n.startsWith('sentinel-')),
        `${from} → ${to}`,
      ).toBe(true);
      expect(
        [from, to].every((n) => /^(sentinel|redis)-\d+$/.test(n)),
        `${from} → ${to}`,
      ).toBe(true);
      expect(summary).not.toMatch(/^(PSYNC|REPLCONF)/);
    }
  });

  it('shows the failover (§6.3 votes, §8 promotion) inside the failover window', () => {
    const [w] = failoverWindows(captured.history);
    expect(w).toBeDefined();
    const inWindow = messages(captured.history).filter((r) => r.trueMs >= w!.fromMs && r.trueMs <= w!.toMs);
    const summaries = inWindow.map((r) => r.payload.summary);
    expect(summaries.some((s) => s.startsWith('SENTINEL is-master-down-by-addr'))).toBe(true);
    expect(summaries.some((s) => /^down=1 leader=[0-9a-f]{8} e1$/.test(s))).toBe(true);
    expect(summaries).toContain('SLAVEOF NO ONE');
    expect(summaries.some((s) => /^hello e1 mymaster /.test(s))).toBe(true);
  });
});

describe('message capture on the regression corpus', () => {
  const files = readdirSync(regressions).filter((f) => f.endsWith('.json'));
  it.each(files)(
    '%s gives its recorded trace hash with capture on',
    (file) => {
      const c = readCase(join(regressions, file));
      const opts =
        c.scenario.topology.sentinels > 0 ? { ...world, captureMessages: true } : { captureMessages: true };
      const run = simulate(c.scenario, c.seed, createKernelPort, opts);
      expect(run.traceHash).toBe(c.expected.traceHash);
      if (c.scenario.topology.sentinels > 0) expect(messages(run.history).length).toBeGreaterThan(0);
    },
    60_000,
  );
});

describe('message summaries', () => {
  it('are one short line per command, reply and hello; replication frames are not captured', () => {
    expect(summarize({ t: 'cmd', argv: ['PING'] })).toBe('PING');
    expect(summarize({ t: 'reply', reply: { kind: 'status', text: 'PONG' } })).toBe('+PONG');
    expect(
      summarize({
        t: 'cmd',
        argv: ['PUBLISH', '__sentinel__:hello', '10.0.0.5,26379,abc,3,mymaster,10.0.0.2,6379,3'],
      }),
    ).toBe('hello e3 mymaster 10.0.0.2:6379 c3');
    expect(
      summarize({
        t: 'reply',
        reply: {
          kind: 'array',
          items: [
            { kind: 'int', value: 1 },
            { kind: 'bulk', value: '*' },
            { kind: 'int', value: 0 },
          ],
        },
      }),
    ).toBe('down=1 leader=* e0');
    const runId = 'a28cbf90453f4fa99f1d8a3c0d8e6b2f11223344';
    expect(
      summarize({ t: 'cmd', argv: ['SENTINEL', 'is-master-down-by-addr', '10.0.0.1', '6379', '1', runId] }),
    ).toBe('SENTINEL is-master-down-by-addr 10.0.0.1 6379 1 a28cbf90');
    expect(summarize({ t: 'repl-cmd', argv: ['SADD', 'set', '1'], offset: 10 })).toBeNull();
    expect(summarize({ t: 'cmd', argv: ['PSYNC', '?', '-1'] })).toBeNull();
    expect(summarize({ t: 'cmd', argv: ['CLIENT', 'SETNAME', 'x'.repeat(200)] })!.length).toBeLessThanOrEqual(
      72,
    );
  });
});
