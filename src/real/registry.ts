// The process registry: no process the real tier starts may outlive the harness.
//
// Every child is spawned in its own process group (detached: setsid), so that a signal or a kill can
// reach the whole group (redis-server forks for RDB snapshots and diskless replication; those children
// share the group). Three layers make sure the groups die:
//
//  1. Normal end: callers stop their processes (Provisioner.close()).
//  2. Harness exit, uncaught exception, SIGINT/SIGTERM/SIGHUP: a process 'exit' hook and signal hooks,
//     installed while at least one group is alive, send SIGKILL to every registered group
//     synchronously, then let the signal take its default course.
//  3. Hard death of the harness (SIGKILL, OOM kill, a crash in native code), where no JavaScript runs:
//     a tiny watchdog, a detached `sh` started once per harness, reads "+<pgid>" / "-<pgid>" lines on a
//     pipe from the harness. When the harness dies, the kernel closes the pipe, the watchdog's `read`
//     sees end-of-file, and it kills every group still listed. No native addon or prctl is needed; it
//     works on any POSIX system with /bin/sh. The watchdog is itself detached so that a terminal's
//     SIGINT, delivered to the harness's process group, does not kill it before it has done its job.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';

const WATCHDOG_SCRIPT = `
groups=""
while IFS= read -r line; do
  case "$line" in
    +*) groups="$groups \${line#+}" ;;
    -*) kept=""; for g in $groups; do [ "$g" = "\${line#-}" ] || kept="$kept $g"; done; groups="$kept" ;;
  esac
done
for g in $groups; do kill -KILL "-$g" 2>/dev/null; done
`;

const live = new Set<number>();
let watchdog: { proc: ChildProcess; stdin: Writable } | null = null;
let hooksInstalled = false;
const HANDLED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function startWatchdog(): void {
  const proc = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  const stdin = proc.stdin;
  if (stdin === null) return;
  // Neither the watchdog nor its pipe may keep the harness's event loop alive.
  proc.unref();
  (stdin as Writable & { _handle?: { unref?: () => void } })._handle?.unref?.();
  stdin.on('error', () => {
    // The watchdog died (someone killed it); layers 1 and 2 still apply.
    watchdog = null;
  });
  watchdog = { proc, stdin };
}

function tellWatchdog(line: string): void {
  if (watchdog === null) startWatchdog();
  watchdog?.stdin.write(line + '\n');
}

/** Sends SIGKILL to every registered group, synchronously (safe inside an 'exit' hook). */
export function killAllSync(): void {
  for (const pgid of live) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  live.clear();
}

function onExit(): void {
  killAllSync();
}

function onSignal(signal: NodeJS.Signals): void {
  killAllSync();
  uninstallHooks();
  // If nobody else handles this signal, die of it as the default disposition would.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', onExit);
  for (const sig of HANDLED_SIGNALS) process.on(sig, onSignal);
}

function uninstallHooks(): void {
  if (!hooksInstalled) return;
  hooksInstalled = false;
  process.off('exit', onExit);
  for (const sig of HANDLED_SIGNALS) process.off(sig, onSignal);
}

/** Registers a freshly spawned process group (its leader's pid). */
export function registerGroup(pgid: number): void {
  live.add(pgid);
  installHooks();
  tellWatchdog(`+${pgid}`);
}

/** Forgets a group whose leader has exited (or been reaped). */
export function unregisterGroup(pgid: number): void {
  if (!live.delete(pgid)) return;
  tellWatchdog(`-${pgid}`);
  if (live.size === 0) uninstallHooks();
}

/** The groups currently registered, for tests and reports. */
export function liveGroups(): readonly number[] {
  return [...live];
}

/** The watchdog's pid, or null when none is running (tests use it to check layer 3). */
export function watchdogPid(): number | null {
  return watchdog?.proc.pid ?? null;
}
