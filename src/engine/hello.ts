// Receiving hellos (spec §9.3, §9.4): peer discovery, address changes, epoch adoption and the
// newer-config-epoch switch.

import { isValidAddress, parseIntStrict } from './addr.js';
import type { Core } from './core.js';
import { adoptEpoch } from './election.js';
import { callClientReconfScript } from './failover.js';
import { hostMatches } from './info.js';
import type { Master, Peer } from './instance.js';
import { newPeer, sameAddr } from './instance.js';
import type { Address } from './io.js';
import { removePeersWithRunId, resetMasterAndChangeAddress } from './reset.js';

interface Hello {
  readonly sentinel: Address;
  readonly runId: string;
  readonly currentEpoch: number;
  readonly masterName: string;
  readonly masterAddr: Address;
  readonly masterConfigEpoch: number;
}

/** Split and validate the 8 fields (§9.1); null if malformed. */
export function parseHello(payload: string): Hello | null {
  const t = payload.split(',');
  if (t.length !== 8) return null;
  const [ip, port, runId, epoch, name, mip, mport, cepoch] = t as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const sp = parseIntStrict(port);
  const ce = parseIntStrict(epoch);
  const mp = parseIntStrict(mport);
  const me = parseIntStrict(cepoch);
  if (sp === null || ce === null || mp === null || me === null) return null;
  if (ce < 0 || me < 0 || runId === '' || ip === '' || mip === '') return null;
  return {
    sentinel: { host: ip, port: sp },
    runId,
    currentEpoch: ce,
    masterName: name,
    masterAddr: { host: mip, port: mp },
    masterConfigEpoch: me,
  };
}

export function processHello(core: Core, payload: string, nowMs: number): void {
  const h = parseHello(payload);
  if (h === null) {
    core.count('hello: malformed');
    return;
  }
  const m = core.masters.get(h.masterName);
  if (m === undefined) {
    core.mark('hello: unknown master ignored');
    return;
  }
  let si = findPeer(m, h.sentinel, h.runId);
  if (si === null) {
    if (!isValidAddress(core, h.sentinel)) {
      core.count('hello: invalid sentinel address');
      return;
    }
    si = addPeerFromHello(core, m, h, nowMs);
  }
  adoptEpoch(core, m, h.currentEpoch);
  if (m.configEpoch < h.masterConfigEpoch) {
    m.configEpoch = h.masterConfigEpoch;
    const old = m.addr;
    if (h.masterAddr.port !== old.port || !hostMatches(old, h.masterAddr.host)) {
      if (!isValidAddress(core, h.masterAddr)) {
        core.count('hello: invalid master address');
      } else {
        core.event('warning', '+config-update-from', si);
        core.eventPlain(
          'warning',
          '+switch-master',
          m,
          `${m.name} ${core.announced(old)} ${old.port} ${h.masterAddr.host} ${h.masterAddr.port}`,
        );
        resetMasterAndChangeAddress(core, m, h.masterAddr, nowMs);
        callClientReconfScript(core, m, 'observer', old, m.addr);
      }
    }
  } else if (m.configEpoch === h.masterConfigEpoch && !sameAddr(m.addr, h.masterAddr)) {
    core.mark('hello: same config epoch never overrides');
  }
  si.lastHelloTimeMs = nowMs;
}

function findPeer(m: Master, addr: Address, runId: string): Peer | null {
  for (const p of m.sentinels.values()) if (p.runId === runId && sameAddr(p.addr, addr)) return p;
  return null;
}

/** §9.4 step 3: a hello from an unknown (address, run id) pair. */
function addPeerFromHello(core: Core, m: Master, h: Hello, nowMs: number): Peer {
  const removed = removePeersWithRunId(core, m, h.runId);
  if (removed > 0) {
    core.mark('hello: sentinel address switch');
    core.event(
      'notice',
      '+sentinel-address-switch',
      m,
      `ip ${h.sentinel.host} port ${h.sentinel.port} for ${h.runId}`,
    );
  } else {
    let other: Peer | null = null;
    for (const p of m.sentinels.values()) if (sameAddr(p.addr, h.sentinel)) other = other ?? p;
    if (other !== null && other.runId !== null) {
      core.mark('hello: sentinel invalid addr');
      core.event('notice', '+sentinel-invalid-addr', other);
      const staleRunId = other.runId;
      for (const mm of core.masters.values()) removePeersWithRunId(core, mm, staleRunId);
    }
  }
  const si = newPeer(nowMs, m, h.sentinel, h.runId);
  m.sentinels.set(si.name, si);
  if (removed === 0) core.event('notice', '+sentinel', si);
  shareLink(core, si);
  if (removed > 0) updatePeerAddressInAllMasters(core, si);
  core.persistSoon();
  return si;
}

/** §2.3: use the same link as the same Sentinel (address and run id) known under another master. */
function shareLink(core: Core, si: Peer): void {
  for (const m of core.masters.values()) {
    if (m === si.master) continue;
    const match = findPeer(m, si.addr, si.runId ?? '');
    if (match === null || match.link === si.link) continue;
    core.closeLink(si.link);
    si.link = match.link;
    si.link.refcount++;
    core.mark('link: shared with another master');
    return;
  }
}

/** §9.4: a Sentinel moved; update its address under every master, closing the old connections. */
function updatePeerAddressInAllMasters(core: Core, si: Peer): void {
  let reconfigured = 0;
  for (const m of core.masters.values()) {
    const match = m.sentinels.get(si.name);
    if (match === undefined) continue;
    core.closeLink(match.link);
    if (match === si) continue;
    match.addr = { ...si.addr };
    reconfigured++;
  }
  if (reconfigured > 0) {
    core.event('notice', '+sentinel-address-update', si, `${reconfigured} additional matching instances`);
  }
}
