// The processes and proxies of one real-tier run, built from a Scenario's topology.
//
// Proxies. A real redis-sentinel learns ONE address per node: replicas from the master's INFO (their
// replica-announce-ip/port), peers from hello messages (their `sentinel announce-ip/port`), and the new
// master from its own failover. Every sentinel, replica and client therefore reaches node X through the
// same address, so for this SUT each redis and sentinel node gets one inbound proxy `*->X` that carries
// every link into X (sentinel→redis, sentinel→sentinel, replica→master, client→redis). Faults on that
// proxy are per-node faults: all links into X are cut together. Only client→sentinel links are separate
// (`client-1->sentinel-2`), because the harness configures its own clients. See faults.ts for how a
// scenario's directed pairs map onto this, and which ones cannot be expressed.
// The engine SUT's sentinels dial through an address book, so each one also gets its own proxy per peer
// (`sentinel-1->redis-2`, `sentinel-1->sentinel-3`) and reaches every node through it: faults on the
// sentinel→redis and sentinel→sentinel links are then exact per directed pair (engine-links.ts).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Address } from '../../engine/io.js';
import { clientNodes, redisNodes, sentinelNodes } from '../../scenarios/topology.js';
import type { Scenario } from '../../scenarios/types.js';
import { findBinary, projectRoot } from '../binaries.js';
import { RealTierError } from '../errors.js';
import { parseInfo } from '../info.js';
import type { ManagedProcess, Provisioner } from '../procs.js';
import { startRedis } from '../redis.js';
import { startToxiproxy, type Link, type ToxiproxyControl } from '../toxiproxy.js';
import { addressBookOf, engineLinkName } from './engine-links.js';
import { commandOnce } from './probe.js';

export type Sut = 'redis-sentinel' | 'engine';

/**
 * Which SUTs this build can run. The engine SUT runs `sentinel-lab sentinel <conf>` (the engine runtime
 * on real sockets, src/real/runtime.ts) from the compiled dist/, with the same sentinel.conf and the
 * same per-node proxies as redis-sentinel, so both SUTs get the same faults.
 */
export const SUT_AVAILABLE: Readonly<Record<Sut, boolean>> = { 'redis-sentinel': true, engine: true };

/** The command line that starts one sentinel of `sut` from `confPath`. */
function sentinelCommand(
  sut: Sut,
  confPath: string,
  addressBookPath: string | null,
): { command: string; args: string[] } {
  if (sut === 'redis-sentinel') return { command: findBinary('redis-sentinel'), args: [confPath] };
  const main = join(projectRoot(), 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(main)) {
    throw new RealTierError('E_NOT_BUILT', `engine SUT: ${main} is missing; run \`npm run build\``);
  }
  const book = addressBookPath === null ? [] : ['--address-book', addressBookPath];
  return { command: process.execPath, args: [main, 'sentinel', confPath, ...book, '--lab-control'] };
}

export interface NodeHandle {
  readonly name: string;
  readonly kind: 'redis' | 'sentinel';
  readonly proc: ManagedProcess;
  /** Where the process really listens (the harness's observers connect here, never cut). */
  readonly realAddr: Address;
  /** The proxy address every other node uses (announced; what Sentinel events carry). */
  readonly publicAddr: Address;
  readonly inbound: Link;
  /** Sentinels: the sentinel.conf path and the text it started with (for config-loss). */
  readonly confPath?: string;
  readonly initialConf?: string;
}

export interface Cluster {
  readonly prov: Provisioner;
  readonly toxi: ToxiproxyControl;
  readonly scenario: Scenario;
  readonly sut: Sut;
  readonly nodes: ReadonlyMap<string, NodeHandle>;
  /** client → its proxies to each sentinel, in sentinel order. */
  readonly clientLinks: ReadonlyMap<string, readonly Link[]>;
  /** Engine SUT: each sentinel's own proxies, by peer (faults.ts cuts `sentinel-i->X`). */
  readonly sentinelLinks: ReadonlyMap<string, ReadonlyMap<string, Link>>;
  /** The node whose public (proxy) address this is, or null. */
  nodeAt(addr: Address): string | null;
}

export class SutUnavailableError extends RealTierError {
  constructor(sut: string) {
    super(
      'E_SUT_UNAVAILABLE',
      `--sut: '${sut}' is not available yet: the engine runtime on real sockets (src/real/runtime*.ts) has not landed`,
    );
  }
}

/** The sentinel.conf a redis-sentinel starts from. */
export function sentinelConfText(
  s: Scenario,
  port: number,
  dir: string,
  self: Address,
  master: Address,
): string {
  const m = s.sentinel.masterName;
  return [
    `port ${port}`,
    'bind 127.0.0.1',
    `dir ${dir}`,
    `sentinel announce-ip ${self.host}`,
    `sentinel announce-port ${self.port}`,
    `sentinel monitor ${m} ${master.host} ${master.port} ${s.sentinel.quorum}`,
    `sentinel down-after-milliseconds ${m} ${s.sentinel.downAfterMs}`,
    `sentinel failover-timeout ${m} ${s.sentinel.failoverTimeoutMs}`,
    `sentinel parallel-syncs ${m} ${s.sentinel.parallelSyncs}`,
    '',
  ].join('\n');
}

function redisExtraConfig(s: Scenario): string[] {
  const extra = [
    `repl-backlog-size ${s.redis.replBacklogBytes}`,
    `min-replicas-to-write ${s.redis.minReplicasToWrite}`,
    `min-replicas-max-lag ${s.redis.minReplicasMaxLagS}`,
  ];
  if (s.redis.persistence === 'snapshot') extra.push('save 1 1');
  return extra;
}

interface Plumbing {
  readonly realPorts: Map<string, number>;
  readonly inbound: Map<string, Link>;
  readonly clientLinks: Map<string, Link[]>;
  /** Engine SUT: sentinel → (peer → its own proxy to that peer). Empty for redis-sentinel. */
  readonly sentinelLinks: Map<string, Map<string, Link>>;
}

/** One inbound proxy per redis and sentinel node, one proxy per client→sentinel pair. */
async function createProxies(prov: Provisioner, toxi: ToxiproxyControl, s: Scenario): Promise<Plumbing> {
  const t = s.topology;
  const realPorts = new Map<string, number>();
  const inbound = new Map<string, Link>();
  for (const name of [...redisNodes(t), ...sentinelNodes(t)]) {
    const port = await prov.ports.allocate();
    realPorts.set(name, port);
    inbound.set(name, await toxi.createLink(`*->${name}`, { host: '127.0.0.1', port }));
  }
  const clientLinks = new Map<string, Link[]>();
  for (const c of clientNodes(t)) {
    const links: Link[] = [];
    for (const s2 of sentinelNodes(t)) {
      links.push(await toxi.createLink(`${c}->${s2}`, { host: '127.0.0.1', port: realPorts.get(s2)! }));
    }
    clientLinks.set(c, links);
  }
  return { realPorts, inbound, clientLinks, sentinelLinks: new Map() };
}

/** Engine SUT: one proxy per (sentinel, other redis or sentinel node), named `sentinel-i->X`. */
async function createSentinelLinks(toxi: ToxiproxyControl, s: Scenario, p: Plumbing): Promise<void> {
  const t = s.topology;
  for (const self of sentinelNodes(t)) {
    const mine = new Map<string, Link>();
    for (const peer of [...redisNodes(t), ...sentinelNodes(t)]) {
      if (peer === self) continue;
      const upstream = { host: '127.0.0.1', port: p.realPorts.get(peer)! };
      mine.set(peer, await toxi.createLink(engineLinkName(self, peer), upstream));
    }
    p.sentinelLinks.set(self, mine);
  }
}

/** The address book file of engine sentinel `self` (public address of each peer → its own proxy). */
function writeAddressBook(dir: string, self: string, p: Plumbing): string {
  const pub = new Map([...p.inbound].map(([n, l]) => [n, l.listen]));
  const mine = p.sentinelLinks.get(self)!;
  const book = addressBookOf(self, pub, (name) => [...mine.values()].find((l) => l.name === name)!.listen);
  const path = join(dir, 'address-book.json');
  writeFileSync(path, JSON.stringify(book, null, 2) + '\n');
  return path;
}

async function startRedisNodes(prov: Provisioner, s: Scenario, p: Plumbing, nodes: Map<string, NodeHandle>) {
  const pub = (n: string): Address => p.inbound.get(n)!.listen;
  const [master] = redisNodes(s.topology);
  for (const name of redisNodes(s.topology)) {
    const server = await startRedis(prov, {
      name,
      port: p.realPorts.get(name)!,
      announce: pub(name),
      ...(name === master ? {} : { replicaOf: pub(master!) }),
      disklessSyncDelaySeconds: s.redis.replDisklessSyncDelayS,
      extraConfig: redisExtraConfig(s),
    });
    nodes.set(name, {
      name,
      kind: 'redis',
      proc: server.proc,
      realAddr: server.address,
      publicAddr: pub(name),
      inbound: p.inbound.get(name)!,
    });
  }
  await awaitReplicas(nodes.get(master!)!.realAddr, s.topology.replicas);
}

async function startSentinels(
  prov: Provisioner,
  s: Scenario,
  sut: Sut,
  p: Plumbing,
  nodes: Map<string, NodeHandle>,
) {
  const pub = (n: string): Address => p.inbound.get(n)!.listen;
  const [master] = redisNodes(s.topology);
  for (const name of sentinelNodes(s.topology)) {
    const port = p.realPorts.get(name)!;
    const dir = prov.dirFor(name);
    const confPath = join(dir, 'sentinel.conf');
    const initialConf = sentinelConfText(s, port, dir, pub(name), pub(master!));
    writeFileSync(confPath, initialConf);
    const book = sut === 'engine' ? writeAddressBook(dir, name, p) : null;
    const proc = await prov.start({
      name,
      ...sentinelCommand(sut, confPath, book),
      ready: { kind: 'redis-ping', host: '127.0.0.1', port },
    });
    nodes.set(name, {
      name,
      kind: 'sentinel',
      proc,
      realAddr: { host: '127.0.0.1', port },
      publicAddr: pub(name),
      inbound: p.inbound.get(name)!,
      confPath,
      initialConf,
    });
  }
}

/** Starts Toxiproxy, the redis nodes and the sentinels; the caller closes `prov` whatever happens. */
export async function startCluster(prov: Provisioner, scenario: Scenario, sut: Sut): Promise<Cluster> {
  if (!SUT_AVAILABLE[sut]) throw new SutUnavailableError(sut);
  findBinary('redis-server');
  if (sut === 'redis-sentinel') findBinary('redis-sentinel');
  const toxi = await startToxiproxy(prov);
  const plumbing = await createProxies(prov, toxi, scenario);
  if (sut === 'engine') await createSentinelLinks(toxi, scenario, plumbing);
  const nodes = new Map<string, NodeHandle>();
  await startRedisNodes(prov, scenario, plumbing, nodes);
  await startSentinels(prov, scenario, sut, plumbing, nodes);
  const byAddr = new Map(
    [...nodes.values()].map((n) => [`${n.publicAddr.host}:${n.publicAddr.port}`, n.name]),
  );
  return {
    prov,
    toxi,
    scenario,
    sut,
    nodes,
    clientLinks: plumbing.clientLinks,
    sentinelLinks: plumbing.sentinelLinks,
    nodeAt: (a) => byAddr.get(`${a.host}:${a.port}`) ?? null,
  };
}

/** Waits (≤ 10 s) until the master reports `count` connected replicas, so the run starts replicated. */
async function awaitReplicas(master: Address, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const text = await commandOnce(master, ['INFO', 'replication']).catch(() => null);
    if (typeof text === 'string' && parseInfo(text).slaves.length >= count) return;
    await sleep(50);
  }
  throw new RealTierError('E_NOT_READY', `replicas: fewer than ${count} connected to the master after 10 s`);
}
