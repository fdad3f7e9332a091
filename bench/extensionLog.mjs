// What the extension's own log says about a bench run in code-server (its requests, when, and how long each took),
// and the same URLs asked with curl, for the ratios the benches print.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The extension's log lines of this run, every window's (a reload starts another extension host): [{ t (epoch ms), text }]. */
export function extensionLog(runDir) {
  const logs = join(runDir, 'user-data', 'logs');
  const files = readdirSync(logs).flatMap((session) => readdirSync(join(logs, session)).filter((d) => d.startsWith('exthost'))
    .map((host) => join(logs, session, host, 'openstack-explorer.openstack-explorer', 'OpenStack.log')));
  return files.flatMap((file) => {
    try { return readFileSync(file, 'utf8').split('\n'); } catch { return []; }
  }).map((line) => {
    const m = line.match(/^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) \[\w+\] (.*)$/);
    return m ? { t: new Date(m[1].replace(' ', 'T')).getTime(), text: m[2] } : undefined;
  }).filter(Boolean).sort((a, b) => a.t - b.t);
}

/** The exchanges the log shows between T0 and T1: { method, url, ms, end }. */
export function exchangesBetween(lines, t0, t1) {
  return lines.filter((l) => l.t >= t0 - 5 && l.t <= t1 + 5).map((l) => {
    const m = l.text.match(/^\[[^\]]+\] (\w+) (\S+) → (\S+) in (\d+) ms/);
    return m && { method: m[1], url: m[2], status: m[3], ms: Number(m[4]), end: l.t - t0 };
  }).filter(Boolean);
}

/**
 * Each URL's time with curl, all at once (undefined URLs: 0), ROUNDS times after one warm-up round (token
 * validation caches): [round][url] ms. One burst's slowest call swings 2–3× on this machine (200–640 ms for
 * the same URLs a minute apart), so the benches take the median of several as their bar.
 */
export const CURL_ROUNDS = 5;

export async function curlRounds(token, urls, rounds = CURL_ROUNDS) {
  const one = async (url) => (url ? Number((await run('curl', ['-s', '-o', '/dev/null', '-w', '%{time_total}', '-H', `X-Auth-Token: ${token}`,
    '-H', 'OpenStack-API-Version: compute 2.79', '-H', 'X-OpenStack-Nova-API-Version: 2.79', url])).stdout) * 1000 : 0);
  await Promise.all(urls.map(one));
  const out = [];
  for (let i = 0; i < rounds; i++) out.push(await Promise.all(urls.map(one)));
  return out;
}

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** Of ROUNDS ([round][url] ms): the median of each round's slowest call, and each URL's median. */
export function curlBar(rounds) {
  return { slowest: median(rounds.map((r) => Math.max(0, ...r))), perUrl: rounds[0].map((_, i) => median(rounds.map((r) => r[i]))) };
}
