// How much CPU other processes took while the benchmark ran (a shared 2-core machine makes
// every timing noisy). Samples /proc once a second: CPU time of every process, split into
// this benchmark (node and its Chromium, recognised by the browser's profile directory)
// and everything else. Processes shorter than a sample are partly missed: an indication,
// not an accounting.
import { readFileSync, readdirSync } from "node:fs";

const HZ = 100; // USER_HZ on Linux

function ticks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

export function cpuWatch({ intervalMs = 1000 } = {}) {
  const last = new Map(); // pid → cpu ticks at the previous sample
  const mine = new Set([process.pid]);
  let profileDir = null;
  let other = 0;
  let ours = 0;
  const t0 = Date.now();

  const sample = () => {
    const now = new Map();
    for (const name of readdirSync("/proc")) {
      if (!/^\d+$/.test(name)) continue;
      const pid = Number(name);
      const t = ticks(pid);
      if (!t) continue;
      now.set(pid, t.cpu);
      if (!mine.has(pid)) {
        // Our browser: a child of this process; its profile directory marks its helpers.
        const cmd = cmdline(pid);
        if (!profileDir && t.ppid === process.pid) profileDir = /--user-data-dir=([^\0]+)/.exec(cmd)?.[1] ?? null;
        if (mine.has(t.ppid) || (profileDir && cmd.includes(profileDir))) mine.add(pid);
      }
      const delta = t.cpu - (last.get(pid) ?? (last.size ? 0 : t.cpu));
      if (mine.has(pid)) ours += delta;
      else other += delta;
    }
    last.clear();
    for (const [pid, cpu] of now) last.set(pid, cpu);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop(cores) {
      clearInterval(timer);
      sample();
      const wall = (Date.now() - t0) / 1000;
      return {
        share: Math.round((other / HZ / (wall * cores)) * 1000) / 1000,
        cpuSeconds: Math.round((other / HZ) * 10) / 10,
        benchCpuSeconds: Math.round((ours / HZ) * 10) / 10,
        wallSeconds: Math.round(wall * 10) / 10,
      };
    },
  };
}
