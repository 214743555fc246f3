// Model-based properties: on random event sequences, the checkers flag a violation exactly when a
// direct (and deliberately naive) reading of the rule finds one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkElectionSafety } from '../../src/check/election.js';
import { checkEpochMonotonicity } from '../../src/check/epochs.js';
import { HistoryBuilder, runIdOf } from './builder.js';

const SENTINELS = ['sentinel-1', 'sentinel-2', 'sentinel-3'];

type Step =
  | { kind: 'vote'; voter: string; candidate: string; epoch: number }
  | { kind: 'new-epoch'; node: string; epoch: number }
  | { kind: 'restart'; node: string }
  | { kind: 'config-loss'; node: string };

const node = fc.constantFrom(...SENTINELS);
const epoch = fc.integer({ min: 0, max: 4 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('vote' as const), voter: node, candidate: node, epoch }),
  fc.record({ kind: fc.constant('new-epoch' as const), node, epoch }),
  fc.record({ kind: fc.constant('restart' as const), node }),
  fc.record({ kind: fc.constant('config-loss' as const), node }),
);

function build(steps: readonly Step[]): HistoryBuilder {
  const b = new HistoryBuilder().at(0).viewAll('redis-1');
  steps.forEach((s, i) => {
    b.at(1000 * (i + 1));
    switch (s.kind) {
      case 'vote':
        b.event(s.voter, '+vote-for-leader', `${runIdOf(s.candidate)} ${String(s.epoch)}`);
        break;
      case 'new-epoch':
        b.event(s.node, '+new-epoch', String(s.epoch));
        break;
      case 'restart':
        b.process(s.node, 'crashed').process(s.node, 'restarted');
        break;
      case 'config-loss':
        b.fault('apply', 'config-loss', [s.node]).process(s.node, 'crashed').process(s.node, 'restarted');
        break;
    }
  });
  return b;
}

describe('oracle properties', () => {
  it('election-safety is false exactly when some Sentinel voted for two candidates in one epoch', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const seen = new Map<string, string>();
        let double = false;
        for (const s of steps) {
          if (s.kind !== 'vote') continue;
          const key = `${s.voter}/${String(s.epoch)}`;
          const prior = seen.get(key);
          if (prior !== undefined && prior !== s.candidate) double = true;
          if (prior === undefined) seen.set(key, s.candidate);
        }
        expect(checkElectionSafety(build(steps).build()).valid).toBe(!double);
      }),
      { numRuns: 200 },
    );
  });

  it('epoch-monotonicity is false exactly when a +new-epoch goes down with no config loss of that node in between', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const max = new Map<string, number>();
        let decrease = false;
        for (const s of steps) {
          if (s.kind === 'config-loss') max.delete(s.node);
          if (s.kind !== 'new-epoch') continue;
          const prior = max.get(s.node);
          if (prior !== undefined && s.epoch < prior) decrease = true;
          max.set(s.node, Math.max(prior ?? s.epoch, s.epoch));
        }
        const observed = steps.some((s) => s.kind === 'new-epoch');
        const expected = observed ? !decrease : 'unknown';
        expect(checkEpochMonotonicity(build(steps).build()).valid).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});
