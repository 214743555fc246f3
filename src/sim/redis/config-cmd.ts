// CONFIG SET / CONFIG GET for the settings the simulated server models (and their old aliases).
import type { Reply } from '../../engine/io.js';
import type { RedisConfig } from './config.js';
import { arr, bulk, err, ok } from './protocol.js';
import type { RedisServer } from './server.js';

type NumericKey = Exclude<keyof RedisConfig, 'replicaOf'>;

/** Canonical name, then aliases; each maps to one numeric field and its minimum. */
const PARAMETERS: readonly { names: readonly string[]; key: NumericKey; min: number }[] = [
  { names: ['min-replicas-to-write', 'min-slaves-to-write'], key: 'minReplicasToWrite', min: 0 },
  { names: ['min-replicas-max-lag', 'min-slaves-max-lag'], key: 'minReplicasMaxLagS', min: 0 },
  { names: ['repl-diskless-sync-delay'], key: 'replDisklessSyncDelayS', min: 0 },
  { names: ['repl-backlog-size'], key: 'replBacklogBytes', min: 1 },
  { names: ['replica-priority', 'slave-priority'], key: 'replicaPriority', min: 0 },
];

function find(name: string): (typeof PARAMETERS)[number] | undefined {
  const lower = name.toLowerCase();
  return PARAMETERS.find((p) => p.names.includes(lower));
}

export function configSet(s: RedisServer, name: string, value: string): Reply {
  const parameter = find(name);
  if (parameter === undefined) {
    return err(`ERR Unknown option or number of arguments for CONFIG SET - '${name}'`);
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < parameter.min) {
    return err(
      `ERR CONFIG SET failed (possibly related to argument '${name}') - argument must be an integer`,
    );
  }
  s.setConfig({ [parameter.key]: n });
  return ok;
}

/** CONFIG GET with a glob pattern (`*` and `?` only); replies name/value pairs. */
export function configGet(s: RedisServer, pattern: string): Reply {
  const re = new RegExp(
    '^' +
      pattern
        .toLowerCase()
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
  );
  const items: Reply[] = [];
  for (const parameter of PARAMETERS) {
    for (const name of parameter.names) {
      if (re.test(name)) items.push(bulk(name), bulk(String(s.config[parameter.key])));
    }
  }
  return arr(items);
}
