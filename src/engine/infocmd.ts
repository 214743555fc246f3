// INFO in Sentinel mode (spec §12): sections server, clients, cpu, stats, sentinel. The engine renders
// what it knows; process-level numbers (memory, CPU, connected clients) belong to the driver.

import type { Core } from './core.js';
import { F, has } from './instance.js';

const ALL = ['server', 'clients', 'cpu', 'stats', 'sentinel'] as const;

export function sentinelInfoText(core: Core, args: readonly string[], nowMs: number): string {
  const wanted = new Set<string>();
  if (args.length === 0) ALL.forEach((s) => wanted.add(s));
  for (const a of args) {
    const s = a.toLowerCase();
    if (s === 'all' || s === 'default' || s === 'everything') ALL.forEach((x) => wanted.add(x));
    else if ((ALL as readonly string[]).includes(s)) wanted.add(s);
  }
  const parts: string[] = [];
  for (const section of ALL) {
    if (!wanted.has(section)) continue;
    parts.push(renderSection(core, section, nowMs));
  }
  return parts.join('\r\n');
}

function renderSection(core: Core, section: (typeof ALL)[number], nowMs: number): string {
  switch (section) {
    case 'server':
      return lines('Server', [
        'redis_version:7.2.4',
        'redis_mode:sentinel',
        `run_id:${core.myid}`,
        `tcp_port:${core.global.port}`,
        `hz:${core.hz}`,
      ]);
    case 'clients':
      return lines('Clients', []);
    case 'cpu':
      return lines('CPU', []);
    case 'stats':
      return lines('Stats', []);
    case 'sentinel':
      return sentinelSection(core, nowMs);
  }
}

function lines(title: string, body: readonly string[]): string {
  return [`# ${title}`, ...body].join('\r\n') + '\r\n';
}

function sentinelSection(core: Core, nowMs: number): string {
  const body = [
    `sentinel_masters:${core.masters.size}`,
    `sentinel_tilt:${core.tilt ? 1 : 0}`,
    `sentinel_tilt_since_seconds:${core.tilt ? Math.floor((nowMs - core.tiltStartMs) / 1000) : -1}`,
    `sentinel_running_scripts:${core.scripts.runningCount}`,
    `sentinel_scripts_queue_length:${core.scripts.jobs.length}`,
    `sentinel_simulate_failure_flags:${core.simFailureFlags}`,
  ];
  let i = 0;
  for (const m of core.masters.values()) {
    const status = has(m, F.O_DOWN) ? 'odown' : has(m, F.S_DOWN) ? 'sdown' : 'ok';
    body.push(
      `master${i++}:name=${m.name},status=${status},address=${core.announced(m.addr)}:${m.addr.port},` +
        `slaves=${m.slaves.size},sentinels=${m.sentinels.size + 1}`,
    );
  }
  return lines('Sentinel', body);
}
