// The testcontainers provider: the ChaosPlan (plan.ts) as containers on one Network: Toxiproxy
// (ghcr.io/shopify/toxiproxy, GenericContainer), redis-servers and redis-sentinels (the redis image).
// testcontainers is a dev dependency, so it is loaded lazily here (type-only imports are erased): the
// production import graph never reaches it, and a caller without it gets a typed error, not a crash.
//
// Where no container runtime exists (this machine: no Docker engine), `containerRuntime()` says so with
// testcontainers' own reason ("Could not find a working container runtime strategy"), and the tests
// that need containers skip and print it.
import type { StartedNetwork, StartedTestContainer } from 'testcontainers';
import type * as TestcontainersModule from 'testcontainers';
import type { Address } from '../../engine/io.js';
import { RealTierError } from '../errors.js';
import {
  chaosPlan,
  REDIS_IMAGE,
  SENTINEL_COMMAND,
  SENTINEL_TEMPLATE_PATH,
  TOXIPROXY_ALIAS,
  TOXIPROXY_API_PORT,
  TOXIPROXY_IMAGE,
  type ChaosPlan,
  type ChaosPlanOptions,
  type PlannedNode,
} from './plan.js';

type Testcontainers = typeof TestcontainersModule;

async function loadTestcontainers(): Promise<Testcontainers> {
  try {
    return await import('testcontainers');
  } catch (e) {
    throw new RealTierError(
      'E_NO_TESTCONTAINERS',
      `testcontainers: not installed (${(e as Error).message.split('\n')[0]}); it is a dev dependency: run \`npm ci\``,
    );
  }
}

export type RuntimeStatus =
  | { readonly kind: 'available'; readonly info: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** Whether a container runtime is reachable, by testcontainers' own strategy check (no container started). */
export async function containerRuntime(): Promise<RuntimeStatus> {
  let tc: Testcontainers;
  try {
    tc = await loadTestcontainers();
  } catch (e) {
    return { kind: 'unavailable', reason: (e as Error).message };
  }
  try {
    const client = await tc.getContainerRuntimeClient();
    const info = client.info.containerRuntime;
    return { kind: 'available', info: `${info.host} (${info.remoteSocketPath})` };
  } catch (e) {
    return { kind: 'unavailable', reason: `no container runtime: ${(e as Error).message}` };
  }
}

export interface ContainerNode {
  readonly plan: PlannedNode;
  readonly container: StartedTestContainer;
  /** The proxy address every node uses inside the network (what Sentinel events carry). */
  readonly publicAddr: Address;
  /** The same proxy as reached from the host (mapped port of the Toxiproxy container). */
  readonly hostProxyAddr: Address;
  /** The node's own port as reached from the host: for observers, never cut. */
  readonly observerAddr: Address;
}

export interface ContainerCluster {
  readonly plan: ChaosPlan;
  readonly network: StartedNetwork;
  readonly toxiproxy: StartedTestContainer;
  /** http://host:port of the Toxiproxy API, for ToxiproxyControl or toxiproxy-node-client. */
  readonly toxiproxyApiUrl: string;
  readonly nodes: ReadonlyMap<string, ContainerNode>;
  /** Host address for an address a sentinel reports (`toxiproxy:<port>`): a client's natMap. */
  natMap(): Record<string, { host: string; port: number }>;
  /** Stops every container and removes the network; idempotent. */
  stop(): Promise<void>;
}

async function startToxiproxyContainer(tc: Testcontainers, net: StartedNetwork, plan: ChaosPlan) {
  const config = JSON.stringify(plan.proxies);
  return new tc.GenericContainer(TOXIPROXY_IMAGE)
    .withNetwork(net)
    .withNetworkAliases(TOXIPROXY_ALIAS)
    .withCopyContentToContainer([{ content: config, target: '/config/toxiproxy.json' }])
    .withCommand(['-host=0.0.0.0', '-config=/config/toxiproxy.json'])
    .withExposedPorts(TOXIPROXY_API_PORT, ...plan.nodes.map((n) => n.proxyPort))
    .withWaitStrategy(tc.Wait.forHttp('/version', TOXIPROXY_API_PORT))
    .start();
}

async function startNodeContainer(tc: Testcontainers, net: StartedNetwork, node: PlannedNode) {
  const base = new tc.GenericContainer(REDIS_IMAGE)
    .withNetwork(net)
    .withNetworkAliases(node.alias)
    .withExposedPorts(node.port);
  if (node.kind === 'redis') {
    return base
      .withCommand(['redis-server', ...node.args])
      .withWaitStrategy(tc.Wait.forLogMessage('Ready to accept connections'))
      .start();
  }
  return base
    .withCopyContentToContainer([{ content: node.sentinelConf ?? '', target: SENTINEL_TEMPLATE_PATH }])
    .withCommand([...SENTINEL_COMMAND])
    .withWaitStrategy(tc.Wait.forLogMessage(/\+monitor master/))
    .start();
}

/**
 * Starts the plan's containers: network, Toxiproxy (with every proxy from its -config), the redis
 * nodes, then the sentinels. On any failure, whatever started is stopped before the error propagates.
 */
export async function startContainerCluster(
  options?: ChaosPlanOptions,
  tcModule?: Testcontainers,
): Promise<ContainerCluster> {
  const tc = tcModule ?? (await loadTestcontainers());
  const plan = chaosPlan(options);
  const started: StartedTestContainer[] = [];
  const network = await new tc.Network().start();
  const stopAll = async (): Promise<void> => {
    for (const c of started.splice(0).reverse()) await c.stop().catch(() => undefined);
    await network.stop().catch(() => undefined);
  };
  try {
    const toxiproxy = await startToxiproxyContainer(tc, network, plan);
    started.push(toxiproxy);
    const host = toxiproxy.getHost();
    const nodes = new Map<string, ContainerNode>();
    for (const node of plan.nodes) {
      const container = await startNodeContainer(tc, network, node);
      started.push(container);
      nodes.set(node.name, {
        plan: node,
        container,
        publicAddr: { host: TOXIPROXY_ALIAS, port: node.proxyPort },
        hostProxyAddr: { host, port: toxiproxy.getMappedPort(node.proxyPort) },
        observerAddr: { host: container.getHost(), port: container.getMappedPort(node.port) },
      });
    }
    let stopping: Promise<void> | null = null;
    return {
      plan,
      network,
      toxiproxy,
      toxiproxyApiUrl: `http://${host}:${toxiproxy.getMappedPort(TOXIPROXY_API_PORT)}`,
      nodes,
      natMap: () =>
        Object.fromEntries(
          [...nodes.values()].map((n) => [`${n.publicAddr.host}:${n.publicAddr.port}`, n.hostProxyAddr]),
        ),
      stop: () => (stopping ??= stopAll()),
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
