// Fault schedules in readable form, one line per fault:
//   t=31.2s  +12.0s  partition sentinel-1 -/-> redis-1 (hold)
import type { FaultOp, LatencySpec, TimedFault } from '../scenarios/types.js';

/** Seconds with one decimal; under 100 ms in milliseconds (a shrunk duration is often 1 ms). */
const seconds = (ms: number): string => (ms < 100 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`);

function latency(l: LatencySpec): string {
  switch (l.kind) {
    case 'constant':
      return `${l.ms}ms`;
    case 'uniform':
      return `${l.minMs}..${l.maxMs}ms`;
    case 'exponential':
      return `${l.minMs}ms+exp(${l.meanMs}ms)`;
    case 'long-tail':
      return `${l.baseMs}ms, tail p=${l.tailProbability.toFixed(3)} alpha=${l.alpha.toFixed(2)} max ${l.maxMs}ms`;
    default: {
      const never: never = l;
      return String(never);
    }
  }
}

type Blocks = Extract<FaultOp, { kind: 'partition' }>['blocks'];

/**
 * The two sides when `blocks` is exactly a bisection (every node of one side cut from every node of
 * the other, both ways), else null. A split of five boxes is 80 blocked pairs; its sides fit a line.
 */
export function bisectionSides(blocks: Blocks): [string[], string[]] | null {
  const [first] = blocks;
  if (first === undefined) return null;
  const [a0, b0] = first;
  const left = blocks.filter(([, b]) => b === b0).map(([a]) => a);
  const right = blocks.filter(([a]) => a === a0).map(([, b]) => b);
  const keys = new Set(blocks.map(([a, b]) => `${a}\u0000${b}`));
  const expected = 2 * left.length * right.length;
  if (keys.size !== blocks.length || blocks.length !== expected) return null;
  for (const a of left) {
    for (const b of right) if (!keys.has(`${a}\u0000${b}`) || !keys.has(`${b}\u0000${a}`)) return null;
  }
  return [left, right];
}

function describePartition(op: Extract<FaultOp, { kind: 'partition' }>): string {
  const sides = bisectionSides(op.blocks);
  const cut =
    sides === null
      ? op.blocks.map(([a, b]) => `${a} -/-> ${b}`).join(', ')
      : `{${sides[0].join(', ')}} | {${sides[1].join(', ')}}`;
  return `partition ${cut} (${op.mode ?? 'hold'})`;
}

export function describeOp(op: FaultOp): string {
  switch (op.kind) {
    case 'crash':
      return `crash ${op.target} (${op.mode ?? 'process'})`;
    case 'pause':
      return `pause ${op.target}`;
    case 'partition':
      return describePartition(op);
    case 'link': {
      const parts = [
        op.latency === undefined ? null : `latency ${latency(op.latency)}`,
        op.lossRate === undefined ? null : `loss ${op.lossRate.toFixed(3)}`,
        op.duplicateRate === undefined ? null : `dup ${op.duplicateRate.toFixed(3)}`,
        op.bandwidthKBps === undefined ? null : `${op.bandwidthKBps} KB/s`,
      ].filter((p) => p !== null);
      const arrow = op.symmetric === true ? '<->' : '->';
      return `link ${op.from} ${arrow} ${op.to}${parts.length > 0 ? ' ' + parts.join(', ') : ''}`;
    }
    case 'clock-jump':
      return `clock-jump ${op.target} ${op.deltaMs >= 0 ? '+' : ''}${op.deltaMs}ms`;
    case 'clock-drift':
      return `clock-drift ${op.target} ${op.ppm >= 0 ? '+' : ''}${op.ppm}ppm`;
    case 'config-loss':
      return `config-loss ${op.target}`;
    default: {
      const never: never = op;
      return String(never);
    }
  }
}

/** One line: start time, duration ("+12.0s", or "+heal" for until-the-end-of-the-phase), the fault. */
export function describeFault(f: TimedFault): string {
  const start = `t=${seconds(f.atMs)}`.padEnd(8);
  const duration = (f.durationMs === null ? '+heal' : `+${seconds(f.durationMs)}`).padEnd(8);
  return `${start} ${duration} ${describeOp(f.op)}`;
}

export function describeSchedule(faults: readonly TimedFault[]): string[] {
  return faults.length === 0 ? ['(no faults)'] : faults.map(describeFault);
}
