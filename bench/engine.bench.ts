// Benchmarks of the Sentinel engine: (1) ticks per CPU-second of one engine monitoring a master, two
// replicas and two peers with every request answered at once (the engine's own cost); (2) simulated
// seconds per CPU-second of the master-crash scenario with the engine as the three Sentinels.
import { parseSentinelConf } from '../src/engine/conf.js';
import type { InfoReply, Reply } from '../src/engine/io.js';
import { Sentinel } from '../src/engine/sentinel.js';
import { masterCrash } from '../src/scenarios/catalog/master-crash.js';
import type { Scenario } from '../src/scenarios/types.js';
import { createKernelPort } from '../src/sim/kernel-port.js';
import { simulate } from '../src/sim/run.js';
import { engineSentinelFactory } from '../src/sim/sentinel-process.js';
import { World } from '../src/sim/world.js';
import { measure, wallMs, type BenchModule } from './types.js';

const CONF = [
  'sentinel myid ' + 'a'.repeat(40),
  'sentinel monitor mymaster 10.0.0.1 6379 2',
  'sentinel down-after-milliseconds mymaster 5000',
  'sentinel known-replica mymaster 10.0.0.2 6379',
  'sentinel known-replica mymaster 10.0.0.3 6379',
  'sentinel known-sentinel mymaster 10.0.0.11 26379 ' + 'b'.repeat(40),
  'sentinel known-sentinel mymaster 10.0.0.12 26379 ' + 'c'.repeat(40),
  '',
].join('\n');

const INFO: InfoReply = {
  runId: '1'.repeat(40),
  role: 'master',
  masterHost: null,
  masterPort: null,
  masterLinkStatus: null,
  masterLinkDownSinceSeconds: null,
  slavePriority: null,
  slaveReplOffset: null,
  replicaAnnounced: null,
  slaves: [
    { host: '10.0.0.2', port: 6379 },
    { host: '10.0.0.3', port: 6379 },
  ],
};

function answer(argv: readonly string[]): Reply {
  switch (argv[0]) {
    case 'PING':
      return { kind: 'status', text: 'PONG' };
    case 'PUBLISH':
      return { kind: 'int', value: 1 };
    case 'INFO':
      return { kind: 'info', info: INFO };
    default:
      return { kind: 'status', text: 'OK' };
  }
}

function runTicks(ticks: number): void {
  let seed = 1;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const s = new Sentinel({ conf: parseSentinelConf(CONF), confText: CONF, random, nowMs: 0 });
  let nowMs = 0;
  for (let i = 0; i < ticks; i++) {
    nowMs += s.nextTickDelayMs();
    s.handleTick(nowMs);
    for (const e of s.drainEffects()) {
      if (e.kind === 'connect') s.handleConnected(nowMs, e.connId, '10.0.0.100');
      else if (e.kind === 'send') s.handleReply(nowMs, e.connId, e.reqId, answer(e.argv));
    }
    s.drainEffects();
  }
}

export const engineTickBench: BenchModule = {
  name: 'engine-tick',
  description: 'engine ticks per CPU-second (1 master, 2 replicas, 2 peers, replies at once)',
  run() {
    const ticks = 50_000;
    const m = measure(() => runTicks(ticks));
    return {
      metrics: { engineTicksPerCpuSecond: Math.round(ticks / m.cpuSec) },
      details: { ticks, ...m },
    };
  },
};

export const masterCrashBench: BenchModule = {
  name: 'master-crash',
  description: 'simulated seconds per CPU-second of master-crash with engine Sentinels (3 seeds)',
  run() {
    const world = { sentinelFactory: engineSentinelFactory };
    simulate(masterCrash, 0, createKernelPort, world); // warm-up
    let simulatedMs = 0;
    let events = 0;
    const m = measure(() => {
      for (let seed = 1; seed <= 3; seed++) {
        const run = simulate(masterCrash, seed, createKernelPort, world);
        simulatedMs += run.simulatedMs;
        events += run.events;
      }
    });
    return {
      metrics: {
        masterCrashSimSecondsPerWallSecond: Number((simulatedMs / 1000 / m.wallSec).toFixed(1)),
        masterCrashSimSecondsPerCpuSecond: Number((simulatedMs / 1000 / m.cpuSec).toFixed(1)),
      },
      details: { simulatedMs, events, ...m },
    };
  },
};

/**
 * One simulated day of the master-crash topology (3 Sentinels, master + 2 replicas) with no faults and
 * no clients, then the heap with the whole world still referenced, after a full GC when `--expose-gc`
 * is given (npm run bench passes it). A leak in the engine or the simulator shows as growth between the
 * hour and the day.
 */
export const simulatedDayBench: BenchModule = {
  name: 'simulated-day',
  description: 'heap (MB) after one simulated day of the master-crash topology, world still alive',
  run() {
    const heapAfter = (hours: number): { heapMb: number; wallSec: number; events: number } => {
      const scenario: Scenario = {
        ...masterCrash,
        name: 'simulated-day',
        topology: { ...masterCrash.topology, clients: 0 },
        faults: [],
        faultPhaseEndMs: 0,
        durationMs: hours * 3_600_000,
      };
      const kernel = createKernelPort(1, scenario);
      const world = new World(scenario, kernel, { sentinelFactory: engineSentinelFactory });
      const t0 = wallMs();
      const history = world.run();
      const wallSec = (wallMs() - t0) / 1000;
      (globalThis as { gc?: () => void }).gc?.();
      const heapMb = Number((process.memoryUsage().heapUsed / 1e6).toFixed(1));
      // Keep the world reachable until after the measurement.
      assertAlive(world, history.length);
      return { heapMb, wallSec, events: kernel.eventsProcessed() };
    };
    const hour = heapAfter(1);
    const day = heapAfter(24);
    return {
      metrics: { simulatedDayHeapMb: day.heapMb },
      details: { hour, day, gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function' },
    };
  },
};

function assertAlive(world: World, records: number): void {
  if (world === null || records < 0) throw new Error('unreachable');
}
