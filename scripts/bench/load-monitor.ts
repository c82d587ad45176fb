// Measuring the load test's server (scripts/bench-load.ts) from outside: the app instances' memory and CPU
// from /proc (Linux), and the database's connections and its backends' CPU (a local server), sampled throughout.
import { readdirSync, readFileSync } from "node:fs";
import { Client } from "pg";
import { databaseUrl, RUN_DATABASE } from "./load-config";

/** The process and its descendants, from /proc (Linux). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSafe("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone meanwhile */
    }
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const current = queue.pop()!;
    tree.push(current);
    queue.push(...(children.get(current) ?? []));
  }
  return tree;
}

/** Resident memory of the process and its descendants, in bytes. */
function treeRss(pid: number): number {
  let total = 0;
  for (const member of processTree(pid)) {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${member}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      /* gone meanwhile */
    }
  }
  return total;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** CPU seconds the process has used (user + system), from /proc (in clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of the process and its descendants (a process gone meanwhile counts nothing). */
export function treeCpu(pid: number): number {
  return processTree(pid).reduce((n, member) => n + (cpuSeconds(member) || 0), 0);
}

/** Peak memory of each app instance and of the job worker, the database's connections, and the CPU all use. */
export class ResourceMonitor {
  peakRssPerInstance: number[];
  peakWorkerRss = 0;
  peakConnections = 0;
  peakAllConnections = 0;
  maxConnections = Number.NaN;
  private readonly client = new Client({ connectionString: databaseUrl("postgres") });
  // CPU of the database's backends serving this run, counted from the load's start.
  private readonly databaseCpu = new Map<number, { base: number; last: number }>();
  private measuringDatabase = false;
  private sampling = false;
  private sampleRss?: NodeJS.Timeout;
  private sampleConnections?: NodeJS.Timeout;

  constructor(
    private readonly pids: number[],
    private readonly workerPid: number,
  ) {
    this.peakRssPerInstance = this.instanceRss();
  }

  /** Connects to the database server and starts sampling. */
  async start(): Promise<void> {
    await this.client.connect();
    this.maxConnections = Number((await this.client.query<{ max_connections: string }>("show max_connections")).rows[0]!.max_connections);
    this.sampleRss = setInterval(() => {
      this.peakRssPerInstance = this.instanceRss().map((rss, i) => Math.max(rss, this.peakRssPerInstance[i]!));
      this.peakWorkerRss = Math.max(this.peakWorkerRss, treeRss(this.workerPid));
    }, 250);
    this.sampleConnections = setInterval(() => void this.sampleDatabase(), 1000);
  }

  instanceRss(): number[] {
    return this.pids.map((pid) => treeRss(pid));
  }

  /** The memory before the load, from which the peaks are measured afresh. */
  resetPeakRss(): number[] {
    const before = this.instanceRss();
    this.peakRssPerInstance = [...before];
    this.peakWorkerRss = treeRss(this.workerPid);
    return before;
  }

  serverCpu(): number {
    return this.pids.reduce((n, pid) => n + cpuSeconds(pid), 0);
  }

  /** The worker's CPU: `npm run worker` is tsx's process with node under it, so its whole tree. */
  workerCpu(): number {
    return treeCpu(this.workerPid);
  }

  /** The database's CPU counts from now on. */
  startDatabaseCpu(): void {
    for (const backend of this.databaseCpu.values()) backend.base = backend.last;
    this.measuringDatabase = true;
  }

  databaseCpuUsed(): number {
    return [...this.databaseCpu.values()].reduce((n, b) => n + b.last - b.base, 0);
  }

  stopSampling(): void {
    clearInterval(this.sampleRss);
    clearInterval(this.sampleConnections);
  }

  async end(): Promise<void> {
    await this.client.end();
  }

  private async sampleDatabase(): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    try {
      const { rows } = await this.client.query<{ ours: number; total: number; pids: number[] }>(
        `select count(*) filter (where datname = $1)::int ours, count(*)::int total, array_agg(pid) filter (where datname = $1) pids
         from pg_stat_activity where backend_type = 'client backend'`,
        [RUN_DATABASE],
      );
      this.peakConnections = Math.max(this.peakConnections, rows[0]!.ours);
      this.peakAllConnections = Math.max(this.peakAllConnections, rows[0]!.total);
      for (const backend of rows[0]!.pids ?? []) {
        const used = cpuSeconds(backend);
        if (Number.isNaN(used)) continue;
        const known = this.databaseCpu.get(backend);
        if (known) known.last = used;
        else this.databaseCpu.set(backend, { base: this.measuringDatabase ? 0 : used, last: used });
      }
    } catch {
      /* the next sample will do */
    } finally {
      this.sampling = false;
    }
  }
}
