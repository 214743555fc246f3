// Regression case files (test/regressions/*.json): a run saved with everything needed to replay it and
// what it must reproduce. Reading one is strict: a file written by another sentinel-lab version, of
// another format, or with a missing or mistyped field is rejected with a RegressionError naming the
// field, never replayed wrongly (the same scenario and seed may legitimately give another trace under
// another version).
import { readFileSync } from 'node:fs';
import type { Scenario } from '../scenarios/types.js';
import { ScenarioError, validateScenario } from '../scenarios/validate.js';
import { layout } from '../sim/layout.js';
import {
  ScenarioError as SimScenarioError,
  validateScenario as validateSimScenario,
} from '../sim/validate.js';
import { labVersion } from './version.js';

export const CASE_FORMAT = 'sentinel-lab-regression/1';

export type RegressionErrorCode =
  'REGRESSION_UNREADABLE' | 'REGRESSION_FORMAT' | 'REGRESSION_VERSION' | 'REGRESSION_INVALID';

export class RegressionError extends Error {
  override readonly name = 'RegressionError';
  constructor(
    readonly code: RegressionErrorCode,
    /** The offending field (`version`, `scenario.faults[0].atMs`, …), or the file for unreadable ones. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where the case came from: a campaign finding (with fast-check's replay data) or a catalogue run. */
export type CaseOrigin =
  | {
      readonly kind: 'campaign';
      readonly campaignSeed: number;
      readonly runIndex: number;
      readonly base: string;
      readonly fcSeed: number;
      readonly fcPath: string;
    }
  | { readonly kind: 'catalog'; readonly scenario: string }
  | { readonly kind: 'manual'; readonly note: string };

export interface RegressionCase {
  readonly format: typeof CASE_FORMAT;
  /** The sentinel-lab version that recorded it (package.json). */
  readonly version: string;
  readonly name: string;
  readonly description: string;
  /** The whole scenario, faults (the shrunk schedule) included. */
  readonly scenario: Scenario;
  readonly seed: number;
  /** World options: which Sentinel implementation ran ('none' for Sentinel-free worlds). */
  readonly options: { readonly sentinels: 'engine' | 'none' };
  readonly origin: CaseOrigin;
  readonly expected: {
    readonly traceHash: string;
    /** invariant → the `valid` the checker gave (true, false or 'unknown'). */
    readonly verdicts: Readonly<Record<string, boolean | 'unknown'>>;
  };
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalid(field: string, what: string, got: unknown): RegressionError {
  const shown = got === undefined ? 'missing' : `got ${JSON.stringify(got)?.slice(0, 80)}`;
  return new RegressionError('REGRESSION_INVALID', field, `${field}: must be ${what}, ${shown}`);
}

function str(o: Json, field: string, prefix = ''): string {
  const v = o[field];
  if (typeof v !== 'string' || v.length === 0) throw invalid(prefix + field, 'a non-empty string', v);
  return v;
}

function int(o: Json, field: string, prefix = ''): number {
  const v = o[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw invalid(prefix + field, 'an integer', v);
  return v;
}

function obj(o: Json, field: string, prefix = ''): Json {
  const v = o[field];
  if (!isObject(v)) throw invalid(prefix + field, 'an object', v);
  return v;
}

/** Checks `data` as a case file of this version; returns it typed or throws a RegressionError. */
export function parseCase(data: unknown, version = labVersion()): RegressionCase {
  if (!isObject(data)) throw invalid('(file)', 'a JSON object', data);
  const format = data['format'];
  if (format !== CASE_FORMAT) {
    throw new RegressionError(
      'REGRESSION_FORMAT',
      'format',
      `format: this sentinel-lab reads '${CASE_FORMAT}', the file says ${JSON.stringify(format) ?? 'nothing'}`,
    );
  }
  const recorded = str(data, 'version');
  if (recorded !== version) {
    throw new RegressionError(
      'REGRESSION_VERSION',
      'version',
      `version: recorded by sentinel-lab ${recorded}, this is ${version}; a trace from another version ` +
        `cannot be compared — re-record it: sentinel-lab replay --rerecord <file>`,
    );
  }
  const scenario = parseScenario(data['scenario']);
  const options = obj(data, 'options');
  const sentinels = options['sentinels'];
  if (sentinels !== 'engine' && sentinels !== 'none') {
    throw invalid('options.sentinels', "'engine' or 'none'", sentinels);
  }
  const origin = obj(data, 'origin');
  str(origin, 'kind', 'origin.');
  const expected = obj(data, 'expected');
  const traceHash = str(expected, 'traceHash', 'expected.');
  if (!/^([0-9a-f]{64}|threw:.+)$/.test(traceHash)) {
    throw invalid('expected.traceHash', 'a SHA-256 in hex', traceHash);
  }
  const verdicts = obj(expected, 'verdicts', 'expected.');
  for (const [name, v] of Object.entries(verdicts)) {
    if (v !== true && v !== false && v !== 'unknown') {
      throw invalid(`expected.verdicts.${name}`, "true, false or 'unknown'", v);
    }
  }
  return {
    format: CASE_FORMAT,
    version: recorded,
    name: str(data, 'name'),
    description: typeof data['description'] === 'string' ? data['description'] : '',
    scenario,
    seed: int(data, 'seed'),
    options: { sentinels },
    origin: origin as unknown as CaseOrigin,
    expected: { traceHash, verdicts: verdicts as Record<string, boolean | 'unknown'> },
  };
}

function parseScenario(v: unknown): Scenario {
  if (!isObject(v)) throw invalid('scenario', 'an object', v);
  for (const f of ['topology', 'sentinel', 'redis', 'latency', 'workload', 'expect']) obj(v, f, 'scenario.');
  if (!Array.isArray(v['faults'])) throw invalid('scenario.faults', 'an array', v['faults']);
  const s = v as unknown as Scenario;
  try {
    // The catalogue's validator (Sentinel-free worlds included), then the simulator's, which checks
    // targets against the names of the layout.
    validateScenario(s);
    const l = layout(s);
    validateSimScenario(s, new Set([...l.nodes.map((n) => n.name), ...l.hosts.map((h) => h.name)]));
    return s;
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof SimScenarioError) {
      throw new RegressionError('REGRESSION_INVALID', `scenario.${error.field}`, `scenario.${error.message}`);
    }
    if (error instanceof TypeError) {
      throw new RegressionError('REGRESSION_INVALID', 'scenario', `scenario: malformed (${error.message})`);
    }
    throw error;
  }
}

/** Reads a case whatever version recorded it (for re-recording only: its trace is not comparable). */
export function readCaseAnyVersion(path: string): RegressionCase {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  return parseCase(data, typeof data['version'] === 'string' ? data['version'] : labVersion());
}

export function readCase(path: string): RegressionCase {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RegressionError(
      'REGRESSION_UNREADABLE',
      path,
      `${path}: cannot read: ${(error as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RegressionError(
      'REGRESSION_UNREADABLE',
      path,
      `${path}: not JSON: ${(error as Error).message}`,
    );
  }
  try {
    return parseCase(data);
  } catch (error) {
    if (error instanceof RegressionError) error.message = `${path}: ${error.message}`;
    throw error;
  }
}
