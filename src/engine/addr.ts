// Address validation (spec §2.2): IP literals only unless resolve-hostnames; ports 0..65535.

import type { Core } from './core.js';
import type { Address } from './io.js';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:.]+$/;
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

export function isIpLiteral(host: string): boolean {
  return IPV4.test(host) || (host.includes(':') && IPV6.test(host));
}

export function isValidHost(core: Core, host: string): boolean {
  if (isIpLiteral(host)) return true;
  return core.global.resolveHostnames && host.length <= 253 && HOSTNAME.test(host);
}

export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 0 && port <= 65535;
}

export function isValidAddress(core: Core, addr: Address): boolean {
  return isValidPort(addr.port) && isValidHost(core, addr.host);
}

/** Strict decimal integer parse (what the engine accepts from the network); null if not one. */
export function parseIntStrict(text: string): number | null {
  if (!/^-?\d{1,16}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}
