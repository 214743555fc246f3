// Sharding a sweep over machines: run g (global index cell·runsPerCell + run) belongs to shard g mod n.
// The shard comes from `--shard i/n` or, as Kubernetes Indexed Jobs set them, JOB_COMPLETION_INDEX and
// JOB_COMPLETIONS.
import { SweepError } from './errors.js';

export interface Shard {
  /** 0-based. */
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string, flag = '--shard'): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) throw new SweepError('SWEEP_BAD_SHARD', `${flag}: expected i/n (e.g. 0/4), got '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new SweepError('SWEEP_BAD_SHARD', `${flag}: shard count must be ≥ 1, got ${count}`);
  if (index >= count) {
    throw new SweepError('SWEEP_BAD_SHARD', `${flag}: index ${index} must be below ${count} (0-based)`);
  }
  return { index, count };
}

/** The shard from the flag, else from the Kubernetes Indexed Job environment, else null (everything). */
export function resolveShard(flag: string | undefined, env: NodeJS.ProcessEnv): Shard | null {
  if (flag !== undefined) return parseShard(flag);
  const index = env['JOB_COMPLETION_INDEX'];
  const count = env['JOB_COMPLETIONS'];
  if (index === undefined || count === undefined) return null;
  return parseShard(`${index}/${count}`, 'JOB_COMPLETION_INDEX/JOB_COMPLETIONS');
}

export function inShard(shard: Shard | null, globalRun: number): boolean {
  return shard === null || globalRun % shard.count === shard.index;
}
