// A progress bar on stderr for long commands; silent when stderr is not a TTY or under CI (the `CI`
// environment variable), so logs and JSON output stay clean.
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressBar(label: string, env: NodeJS.ProcessEnv = process.env): Progress {
  const enabled =
    process.stderr.isTTY === true && (env['CI'] === undefined || env['CI'] === '' || env['CI'] === 'false');
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} runs, {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
