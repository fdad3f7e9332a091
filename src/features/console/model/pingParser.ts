// Reads ping's output line by line into a live summary (sent, received, loss %, min/avg/max RTT) and samples for
// the chart. Knows Linux iputils (run with -O, so unanswered probes print a line), macOS/BSD and Windows output,
// and busybox's. While ping runs the numbers are our count of its lines; its own statistics, once printed, win.
// Pure: no process, no I/O.
import type { PingSample, PingSummary } from './protocol';

export interface ParsedLine {
  /** A probe answered (rtt) or reported lost (no rtt). */
  sample?: PingSample;
  /** The line was part of ping's closing statistics. */
  statistics?: boolean;
}

const num = (s: string) => Number(s);

// "64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.247 ms", macOS "icmp_seq=0 ... time=0.045 ms"
const UNIX_REPLY = /\b(?:icmp_)?seq[=\s](\d+)\b.*?\btime\s*([=<])\s*([\d.]+)\s*ms/i;
// iputils -O: "no answer yet for icmp_seq=2"; errors: "From 10.0.0.1 icmp_seq=1 Destination Host Unreachable";
// macOS: "Request timeout for icmp_seq 0"
const UNIX_LOST = /(?:no answer yet for icmp_seq=(\d+))|(?:^From \S+:? icmp_seq=(\d+)\b)|(?:Request timeout for icmp_seq[=\s](\d+))/i;
// Windows: "Reply from 127.0.0.1: bytes=32 time<1ms TTL=128", "Reply from ::1: time<1ms"
const WIN_REPLY = /^Reply from \S+: (?:bytes=\d+ )?time([=<])(\d+)ms/i;
// Windows losses: "Request timed out.", "Destination host unreachable.", "Reply from x: Destination host unreachable.",
// "General failure.", "PING: transmit failed. General failure.", "Destination net unreachable."
const WIN_LOST = /^(?:Request timed out\.|(?:Reply from \S+: )?Destination (?:host|net|network) unreachable\.|(?:PING: transmit failed\. )?General failure\.|TTL expired in transit\.)/i;
// "3 packets transmitted, 3 received, 0% packet loss, time 2003ms" (iputils, with "+N errors" / "+N duplicates"),
// "3 packets transmitted, 3 packets received, 0.0% packet loss" (macOS, busybox)
const UNIX_STATS = /(\d+) packets transmitted, (\d+) (?:packets )?received,(?:.*?)([\d.]+)% packet loss/i;
// "rtt min/avg/max/mdev = 0.019/0.097/0.247/0.106 ms", "round-trip min/avg/max/stddev = …", busybox without the 4th
const UNIX_RTT = /(?:rtt|round-trip) min\/avg\/max(?:\/(?:mdev|stddev))? = ([\d.]+)\/([\d.]+)\/([\d.]+)(?:\/[\d.]+)? ms/i;
// "    Packets: Sent = 4, Received = 4, Lost = 0 (0% loss),"
const WIN_STATS = /Packets: Sent = (\d+), Received = (\d+), Lost = (\d+) \((\d+)% loss\)/i;
// "    Minimum = 0ms, Maximum = 1ms, Average = 0ms"
const WIN_RTT = /Minimum = (\d+)ms, Maximum = (\d+)ms, Average = (\d+)ms/i;

export class PingParser {
  private readonly answered = new Map<number, number>();
  private readonly lost = new Set<number>();
  private windowsSeq = 0;
  private stats?: { sent: number; received: number; loss: number };
  private rtt?: { min: number; avg: number; max: number };

  /** Reads one line of ping's output (stdout or stderr, without the newline). */
  feed(rawLine: string): ParsedLine {
    const line = rawLine.trim();
    let m: RegExpExecArray | null;
    if ((m = UNIX_STATS.exec(line))) {
      this.stats = { sent: num(m[1]), received: num(m[2]), loss: num(m[3]) };
      return { statistics: true };
    }
    if ((m = UNIX_RTT.exec(line))) {
      this.rtt = { min: num(m[1]), avg: num(m[2]), max: num(m[3]) };
      return { statistics: true };
    }
    if ((m = WIN_STATS.exec(line))) {
      this.stats = { sent: num(m[1]), received: num(m[2]), loss: num(m[4]) };
      return { statistics: true };
    }
    if ((m = WIN_RTT.exec(line))) {
      this.rtt = { min: num(m[1]), avg: num(m[3]), max: num(m[2]) };
      return { statistics: true };
    }
    if ((m = UNIX_REPLY.exec(line))) {
      if (/\(DUP!\)/.test(line)) return {};
      const seq = num(m[1]);
      return { sample: this.answer(seq, rttOf(m[2], m[3])) };
    }
    if ((m = UNIX_LOST.exec(line))) {
      const seq = num(m[1] ?? m[2] ?? m[3]);
      if (!this.answered.has(seq)) this.lost.add(seq);
      return { sample: { seq } };
    }
    if ((m = WIN_REPLY.exec(line))) {
      return { sample: this.answer(++this.windowsSeq, rttOf(m[1], m[2])) };
    }
    if (WIN_LOST.test(line)) {
      const seq = ++this.windowsSeq;
      this.lost.add(seq);
      return { sample: { seq } };
    }
    return {};
  }

  get summary(): PingSummary {
    const rtts = [...this.answered.values()];
    const received = this.stats?.received ?? this.answered.size;
    const sent = this.stats?.sent ?? new Set([...this.answered.keys(), ...this.lost]).size;
    const loss = this.stats?.loss ?? (sent === 0 ? 0 : round(((sent - received) / sent) * 100, 1));
    const live = rtts.length ? { min: Math.min(...rtts), avg: rtts.reduce((a, b) => a + b, 0) / rtts.length, max: Math.max(...rtts) } : undefined;
    const rtt = this.rtt ?? live;
    return {
      sent, received, loss,
      ...(rtt ? { min: round(rtt.min, 3), avg: round(rtt.avg, 3), max: round(rtt.max, 3) } : {}),
      final: this.stats !== undefined,
    };
  }

  private answer(seq: number, rtt: number): PingSample {
    this.lost.delete(seq);   // iputils -O reports "no answer yet" for a probe whose reply may still come
    this.answered.set(seq, rtt);
    return { seq, rtt };
  }
}

/** "time<1ms" (Windows) counts as half the bound: below the resolution, above zero. */
function rttOf(op: string, value: string): number {
  return op === '<' ? num(value) / 2 : num(value);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Parses a whole output at once (tests, or a finished run). */
export function parsePingOutput(output: string): { summary: PingSummary; samples: PingSample[] } {
  const parser = new PingParser();
  const samples: PingSample[] = [];
  for (const line of output.split(/\r?\n/)) {
    const { sample } = parser.feed(line);
    if (sample) samples.push(sample);
  }
  return { summary: parser.summary, samples };
}
