import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The real server (`server/main.ts`) as a child process, as an operator runs it. */
export class ServerProcess {
  private output = '';
  private readonly exited: Promise<void>;
  readonly child: ChildProcess;
  /** How long the start took until /api/health answered. */
  startMs = 0;

  private constructor(
    readonly base: string,
    env: Record<string, string>,
    nodeArgs: readonly string[],
  ) {
    this.child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  /**
   * Starts the server on a fresh port with this environment (and Node options such as
   * `--cpu-prof`) and waits until /api/health answers.
   */
  static async start(env: Record<string, string>, nodeArgs: readonly string[] = []): Promise<ServerProcess> {
    // A fresh port per start: no half-closed keep-alive socket of a dead server is ever reused.
    const port = await freePort();
    const started = performance.now();
    const server = new ServerProcess(`http://127.0.0.1:${port}`, { ...env, PORT: String(port) }, nodeArgs);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (server.child.exitCode !== null || server.child.signalCode !== null) {
        throw new Error(`server exited during start-up:\n${server.output}`);
      }
      try {
        if ((await fetch(`${server.base}/api/health`)).ok) {
          server.startMs = performance.now() - started;
          return server;
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    server.child.kill('SIGKILL');
    throw new Error(`server did not answer /api/health within 60 s:\n${server.output}`);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** User and system CPU seconds the process has used so far (Linux: from /proc). */
  cpuSeconds(): number {
    const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticksPerSecond = 100;
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  }

  get log(): string {
    return this.output;
  }
}
