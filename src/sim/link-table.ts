// The directed links between hosts: a base configuration per pair (the scenario's latency, or a
// per-link setting), plus layers of temporary overrides from `link` faults. The effective parameters
// of a pair are its base with every active layer applied in order; restoring a layer recomputes them.

import type { LatencySpec } from '../scenarios/types.js';
import { SimError } from './errors.js';
import {
  LinkState,
  validateLatency,
  validateLinkParams,
  type LinkOverride,
  type LinkParams,
} from './link.js';

export interface NetworkLinkOptions {
  /** Latency of every link between two different hosts unless set otherwise. Default constant 1 ms. */
  readonly defaultLatency?: LatencySpec;
  /** Latency between two nodes on the same host. Default constant 0.02 ms. */
  readonly loopbackLatency?: LatencySpec;
}

export type LinkLayerId = number;

interface Layer {
  readonly id: LinkLayerId;
  readonly from: number;
  readonly to: number;
  readonly override: LinkOverride;
}

export class LinkTable {
  private size = 0;
  private base: LinkParams[] = [];
  private states: LinkState[] = [];
  private layers: Layer[] = [];
  private nextId = 1;
  private readonly defaultParams: LinkParams;
  private readonly loopbackParams: LinkParams;

  constructor(opts: NetworkLinkOptions) {
    const latency = validateLatency(opts.defaultLatency ?? { kind: 'constant', ms: 1 }, 'defaultLatency');
    const loop = validateLatency(opts.loopbackLatency ?? { kind: 'constant', ms: 0.02 }, 'loopbackLatency');
    this.defaultParams = { latency, lossRate: 0, duplicateRate: 0, bandwidthKBps: null };
    this.loopbackParams = { ...this.defaultParams, latency: loop };
  }

  /** Grows the table to `hostCount` hosts, keeping existing pairs (their state objects stay). */
  resize(hostCount: number): void {
    const base: LinkParams[] = [];
    const states: LinkState[] = [];
    for (let a = 0; a < hostCount; a++) {
      for (let b = 0; b < hostCount; b++) {
        const old = a < this.size && b < this.size ? this.states[a * this.size + b] : undefined;
        const params = a === b ? this.loopbackParams : this.defaultParams;
        base.push(old !== undefined ? (this.base[a * this.size + b] as LinkParams) : params);
        states.push(old ?? new LinkState(params));
      }
    }
    this.size = hostCount;
    this.base = base;
    this.states = states;
  }

  get(from: number, to: number): LinkState {
    const s = this.states[from * this.size + to];
    if (s === undefined) throw new SimError('UNKNOWN_HOST', `no link from host #${from} to host #${to}`);
    return s;
  }

  /** Sets the base parameters of a directed link (before or between faults). */
  setBase(from: number, to: number, override: LinkOverride): void {
    validateLinkParams(override, `link ${from}->${to}`);
    const i = this.index(from, to);
    this.base[i] = { ...(this.base[i] as LinkParams), ...override };
    this.recompute(from, to);
  }

  /** Applies a temporary override on a directed link; `restore` removes it. */
  degrade(from: number, to: number, override: LinkOverride): LinkLayerId {
    validateLinkParams(override, `link ${from}->${to}`);
    this.index(from, to);
    const id = this.nextId++;
    this.layers.push({ id, from, to, override });
    this.recompute(from, to);
    return id;
  }

  restore(id: LinkLayerId): boolean {
    const layer = this.layers.find((l) => l.id === id);
    if (layer === undefined) return false;
    this.layers = this.layers.filter((l) => l.id !== id);
    this.recompute(layer.from, layer.to);
    return true;
  }

  private recompute(from: number, to: number): void {
    let params = this.base[this.index(from, to)] as LinkParams;
    for (const l of this.layers) {
      if (l.from === from && l.to === to) params = { ...params, ...l.override };
    }
    this.get(from, to).params = params;
  }

  private index(from: number, to: number): number {
    if (!(from >= 0 && from < this.size && to >= 0 && to < this.size)) {
      throw new SimError('UNKNOWN_HOST', `link ${from}->${to}: host index out of range`);
    }
    return from * this.size + to;
  }
}
