import { describe, expect, it } from 'vitest';
import { convergenceBudget } from '../../src/check/budget.js';
import { checkConvergenceAfterHeal } from '../../src/check/convergence.js';
import { checkAckedWriteLoss } from '../../src/check/writes.js';
import { HistoryBuilder } from './builder.js';

describe('acked-write-loss (§16, Jepsen-style set)', () => {
  it('holds when every acknowledged write is in the final master’s set', () => {
    const b = new HistoryBuilder()
      .at(0)
      .write('client-1', 1, 10, 'redis-1', 'ok', 5)
      .write('client-1', 2, 20, 'redis-1', 'ok', 6);
    const v = checkAckedWriteLoss(b.at(90_000).finalConverged('redis-1', [10, 20]).build());
    expect(v.valid).toBe(true);
    expect(v.evidence['ackedCount']).toBe(2);
  });

  it('breaks when an acknowledged write is missing, counting it and its fraction, and naming its target', () => {
    const b = new HistoryBuilder().at(0);
    for (let i = 1; i <= 4; i += 1) b.write('client-1', i, i, i === 4 ? 'redis-1' : 'redis-2', 'ok', 10 * i);
    const v = checkAckedWriteLoss(b.at(90_000).finalConverged('redis-2', [1, 2, 3]).build());
    expect(v.valid).toBe(false);
    expect(v.evidence).toMatchObject({
      finalMaster: 'redis-2',
      ackedCount: 4,
      lostCount: 1,
      lostFraction: 0.25,
      lostByTarget: { 'redis-1': 1 },
    });
  });

  it('lists unknown-outcome writes apart and never counts them as lost', () => {
    const b = new HistoryBuilder()
      .at(0)
      .write('client-1', 1, 1, 'redis-1', 'info', 1000)
      .write('client-1', 2, 2, 'redis-1', 'info', 1000);
    const v = checkAckedWriteLoss(b.at(90_000).finalConverged('redis-1', [2]).build());
    expect(v.valid).toBe(true);
    expect(v.evidence).toMatchObject({ unknownOutcomeCount: 2, unknownOutcomePresent: 1, lostCount: 0 });
  });

  it('reports failed writes that are present anyway', () => {
    const b = new HistoryBuilder().at(0).write('client-1', 7, 7, 'redis-1', 'fail', 10);
    expect(
      checkAckedWriteLoss(b.at(90_000).finalConverged('redis-1', [7]).build()).evidence['failedButPresent'],
    ).toEqual([7]);
  });

  it('picks the final master the Sentinels agree on when two nodes report master', () => {
    const b = new HistoryBuilder().at(0).write('client-1', 1, 1, 'redis-2', 'ok', 10);
    const v = checkAckedWriteLoss(
      b
        .at(90_000)
        .finalConverged('redis-2', [1], { 'redis-1': { role: 'master' } })
        .build(),
    );
    expect(v.evidence['finalMaster']).toBe('redis-2');
    expect(v.valid).toBe(true);
  });

  it('is unknown without a final record or without a single final master', () => {
    const b = new HistoryBuilder().at(0).write('client-1', 1, 1, 'redis-1', 'ok', 10);
    expect(checkAckedWriteLoss(b.build()).valid).toBe('unknown');
    const split = b.at(90_000).finalConverged('redis-2', [1], {
      'redis-1': { role: 'master' },
      'sentinel-1': { views: 'redis-1' },
      'sentinel-2': { views: null },
    });
    expect(checkAckedWriteLoss(split.build()).valid).toBe('unknown');
  });
});

describe('convergence-after-heal (liveness)', () => {
  const budgetMs = convergenceBudget(5000, 10_000, false).totalMs;

  it('reports the time from heal to convergence when it is within the budget', () => {
    const b = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(10_000)
      .fault('apply', 'crash', ['redis-1'])
      .process('redis-1', 'crashed');
    b.at(16_000).failover('sentinel-1', 'redis-1', 'redis-2', 1).role('redis-3', 'replica', 'redis-2');
    b.at(60_000)
      .fault('heal', 'crash', ['redis-1'])
      .process('redis-1', 'restarted')
      .role('redis-1', 'master')
      .healed();
    b.at(71_000).role('redis-1', 'replica', 'redis-2').at(120_000).finalConverged('redis-2', []);
    const v = checkConvergenceAfterHeal(b.build());
    expect(v.valid).toBe(true);
    expect(v.evidence['tookMs']).toBe(11_000);
  });

  it('is 0 ms when already converged at the heal', () => {
    const b = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(50_000)
      .healed()
      .at(120_000)
      .finalConverged('redis-1', []);
    expect(checkConvergenceAfterHeal(b.build()).evidence['tookMs']).toBe(0);
  });

  it('breaks when convergence comes later than the budget', () => {
    const b = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(1000)
      .role('redis-3', 'master')
      .at(50_000)
      .healed();
    b.at(50_000 + budgetMs + 1)
      .role('redis-3', 'replica', 'redis-1')
      .at(200_000)
      .finalConverged('redis-1', []);
    const v = checkConvergenceAfterHeal(b.build());
    expect(v.valid).toBe(false);
    expect(v.evidence['tookMs']).toBe(budgetMs + 1);
  });

  it('breaks when the system never converges and the history outlasts the budget, naming the problem', () => {
    const b = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(1000)
      .view('sentinel-3', 'redis-2')
      .at(50_000)
      .healed();
    const v = checkConvergenceAfterHeal(
      b
        .at(50_000 + budgetMs)
        .finalConverged('redis-1', [])
        .build(),
    );
    expect(v.valid).toBe(false);
    expect(v.detail).toContain('sentinels disagree on mymaster');
  });

  it('must stay converged: a relapse after converging resets the clock', () => {
    const b = new HistoryBuilder().at(0).viewAll('redis-1').at(50_000).healed();
    b.at(60_000)
      .view('sentinel-2', 'redis-3')
      .at(70_000)
      .view('sentinel-2', 'redis-1')
      .at(200_000)
      .finalConverged('redis-1', []);
    expect(checkConvergenceAfterHeal(b.build()).evidence['tookMs']).toBe(20_000);
  });

  it('is unknown when the history ends unconverged before the budget ran out', () => {
    const b = new HistoryBuilder()
      .at(0)
      .viewAll('redis-1')
      .at(1000)
      .view('sentinel-3', 'redis-2')
      .at(50_000)
      .healed();
    expect(checkConvergenceAfterHeal(b.at(55_000).finalConverged('redis-1', []).build()).valid).toBe(
      'unknown',
    );
  });

  it('allows a TILT period more when clock faults were applied', () => {
    expect(convergenceBudget(5000, 10_000, true).totalMs - budgetMs).toBe(30_000);
  });
});
