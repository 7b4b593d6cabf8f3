/**
 * The app as an operator runs it, in processes of its own: `npm start` (the web process,
 * with or without its inline worker) and `npm run worker`, spawned with the commands
 * package.json holds, so a SIGKILL reaches the app itself and not npm.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { reservePort } from "../sandbox/net";

export interface AppProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves once the process can take work: the web answers /healthz, a worker has logged its start. */
  ready(): Promise<void>;
  /** SIGKILL: no shutdown hook runs, as when a machine dies. */
  kill(): Promise<void>;
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
}

function scriptCommand(name: "start" | "worker"): string[] {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  const [command, ...args] = scripts[name].split(" ");
  if (command !== "node") throw new Error(`package.json's ${name} script no longer starts with node`);
  return args;
}

function spawnApp(args: string[], env: NodeJS.ProcessEnv, isReady: (output: string) => Promise<boolean>): AppProcess {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  return {
    child,
    output: () => output,
    async ready() {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        if (gone) throw new Error(`the process exited before it was ready:\n${output}`);
        if (await isReady(output)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`the process was not ready within 60 s:\n${output}`);
    },
    async kill() {
      if (!gone) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (!gone) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** `npm start` on `port` (a fresh one when left out); its URL is on the result. */
export async function startWeb(env: NodeJS.ProcessEnv, port?: number): Promise<AppProcess & { url: string; port: number }> {
  const chosen = port ?? (await reservePort(0, "the app", "PORT"));
  const url = `http://127.0.0.1:${chosen}`;
  const app = spawnApp(scriptCommand("start"), { ...env, PORT: String(chosen), HOST: "127.0.0.1" }, async () => {
    try {
      return (await fetch(`${url}/healthz`)).ok;
    } catch {
      return false;
    }
  });
  return Object.assign(app, { url, port: chosen });
}

/** `npm run worker`. */
export function startWorkerProcess(env: NodeJS.ProcessEnv): AppProcess {
  return spawnApp(scriptCommand("worker"), env, async (output) => output.includes("worker started"));
}
