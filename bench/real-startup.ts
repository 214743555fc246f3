// Measures how long the real tier takes to provision a small replication group: toxiproxy-server,
// a master, two replicas (each with a replication proxy and an observer proxy), until both replicas
// report master_link_status:up. Run: node bin/build.js && node dist/bench/real-startup.js [rounds]
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Provisioner } from '../src/real/procs.js';
import { startRedis } from '../src/real/redis.js';
import { startToxiproxy } from '../src/real/toxiproxy.js';

function info(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port });
    let out = '';
    s.setEncoding('utf8');
    s.on('connect', () => s.write('INFO replication\r\n'));
    s.on('data', (d: string) => {
      out += d;
      const header = /^\$(\d+)\r\n/.exec(out);
      if (header && out.length >= header[0].length + Number(header[1])) {
        s.destroy();
        resolve(out);
      }
    });
    s.on('error', reject);
  });
}

async function round(): Promise<Record<string, number>> {
  const t0 = performance.now();
  const prov = new Provisioner();
  const marks: Record<string, number> = {};
  try {
    const toxi = await startToxiproxy(prov);
    marks['toxiproxyReadyMs'] = performance.now() - t0;
    const master = await startRedis(prov, { name: 'redis-1' });
    marks['masterReadyMs'] = performance.now() - t0;
    const replicaPorts: number[] = [];
    for (const n of [2, 3]) {
      const repl = await toxi.createLink(`redis-${n}->redis-1`, master.address);
      const port = await prov.ports.allocate();
      const observer = await toxi.createLink(`observer->redis-${n}`, { host: '127.0.0.1', port });
      await startRedis(prov, { name: `redis-${n}`, port, replicaOf: repl.listen, announce: observer.listen });
      replicaPorts.push(port);
    }
    marks['replicasReadyMs'] = performance.now() - t0;
    for (const port of replicaPorts) {
      while (!(await info(port)).includes('master_link_status:up')) await sleep(5);
    }
    marks['replicationUpMs'] = performance.now() - t0;
  } finally {
    const c0 = performance.now();
    await prov.close();
    marks['closeMs'] = performance.now() - c0;
  }
  return marks;
}

const rounds = Number(process.argv[2] ?? 5);
const results: Record<string, number>[] = [];
for (let i = 0; i < rounds; i++) results.push(await round());
const keys = Object.keys(results[0] ?? {});
const summary = Object.fromEntries(
  keys.map((k) => {
    const xs = results.map((r) => r[k] ?? 0).sort((a, b) => a - b);
    return [
      k,
      {
        min: Math.round(xs[0] ?? 0),
        median: Math.round(xs[Math.floor(xs.length / 2)] ?? 0),
        max: Math.round(xs.at(-1) ?? 0),
      },
    ];
  }),
);
console.log(JSON.stringify({ bench: 'real-startup', rounds, summary }, null, 2));
