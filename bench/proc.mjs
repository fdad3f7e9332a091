// Where the machine's CPU went between two moments: every process's user+system time from /proc, grouped by what
// it is (an OpenStack service, the extension host, code-server, Chromium…). The dev cloud and the workbench share
// 2 cores, so a tree that waits on a busy service may be waiting on the workbench's own CPU.
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10;   // USER_HZ is 100 on Linux

/** { pid: { ticks, name } } of every process now. */
export function cpuSnapshot() {
  const snap = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);   // utime, stime
      snap.set(pid, { ticks, name: processName(pid, stat) });
    } catch { /* it ended */ }
  }
  return snap;
}

/** The CPU ms each kind of process used from BEFORE to AFTER, largest first: [[name, ms]]. */
export function cpuSpent(before, after) {
  const by = new Map();
  for (const [pid, { ticks, name }] of after) {
    const spent = (ticks - (before.get(pid)?.ticks ?? 0)) * TICK_MS;
    if (spent > 0) by.set(name, (by.get(name) ?? 0) + spent);
  }
  return [...by].sort((a, b) => b[1] - a[1]);
}

function processName(pid, stat) {
  const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const cmd = readCmd(pid).split('\0').join(' ');
  if (/type=extensionHost/.test(cmd)) return 'extension host';
  if (/code-server/.test(cmd)) return 'code-server';
  if (/chrom/i.test(comm) || /chromium/.test(cmd)) return /--type=renderer/.test(cmd) ? 'chromium renderer' : 'chromium (other)';
  const service = cmd.match(/(neutron-server|nova-api|nova-conductor|nova-scheduler|nova-compute|keystone|glance-api|cinder-api|cinder-volume|cinder-scheduler|placement|swift-\w+|mariadbd|mysqld|beam\.smp|ovs|libvirtd|qemu-system)/);
  // neutron-server's RPC workers serve the agents, not the API: apart, so that the API's own CPU shows
  if (service) return /rpc worker/.test(cmd) ? `${service[1]} rpc` : service[1];
  if (/uwsgi/.test(cmd)) return `uwsgi ${cmd.match(/--(?:ini|wsgi-file|module) (\S+)/)?.[1] ?? ''}`.trim();
  return comm;
}

/** The resident memory (MiB) of the extension host that code-server ROOT_PID started (its only one). */
export function extensionHostRssMib(rootPid) {
  const parents = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch { /* it ended */ }
  }
  const below = (pid) => { for (let p = pid; p && p !== '0'; p = parents.get(p)) if (p === String(rootPid)) return true; return false; };
  const host = [...parents.keys()].find((pid) => below(pid) && readCmd(pid).includes('type=extensionHost'));
  if (!host) throw new Error(`no extension host below code-server ${rootPid}`);
  const kb = Number(readFileSync(`/proc/${host}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)[1]);
  return Math.round(kb / 1024);
}

function readCmd(pid) {
  try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { return ''; }
}
