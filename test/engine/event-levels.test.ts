// §13.2: the election events are WARNING events (so they run the notification script).
import { describe, expect, it } from 'vitest';
import { standardWorld } from './harness.js';

describe('election event levels (§13.2)', () => {
  it('+new-epoch, +vote-for-leader and +try-failover are emitted at WARNING level', () => {
    const w = standardWorld();
    w.h.runFor(1000);
    w.h.command(['SENTINEL', 'is-master-down-by-addr', '10.0.0.1', '6379', '1', 'd'.repeat(40)]);
    w.h.command(['SENTINEL', 'FAILOVER', 'mymaster']);
    const levels = w.h.effects.flatMap((x) =>
      x.kind === 'event' && ['+new-epoch', '+vote-for-leader', '+try-failover'].includes(x.type)
        ? [`${x.type} ${x.level}`]
        : [],
    );
    expect(levels).toEqual([
      '+new-epoch warning',
      '+vote-for-leader warning',
      '+new-epoch warning',
      '+try-failover warning',
    ]);
  });
});
