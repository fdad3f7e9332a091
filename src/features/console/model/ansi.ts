// Console text is untrusted: it comes from the guest. Colours (SGR escapes) are kept for the webview to render
// with ansi_up; every other control sequence (cursor moves, screen clears, OSC titles and hyperlinks, DCS, …) and
// every other control character is removed. Pure: also bundled into the webview.
//
// Nova strips control characters such as ESC from os-getConsoleOutput, so a colour arrives as a bare `[31m`.
// Those are restored to real SGR escapes (only the `[<digits;…>m` shape, which text rarely has, and `[m` when no
// word character or `]` follows), and bare cursor and mode sequences that are unambiguous dropped: `[2J`, `[1;1H`,
// `[?25l`, the cursor-position query `[6n` (busybox ash sends it after each prompt), and a parameterless
// `[K`/`[H`/… only when no word character or `]` follows it.
/* eslint-disable no-control-regex -- matching control characters is what this module is for */

const ESC = '\u001b';

// ESC-introduced sequences (7-bit) and their 8-bit C1 forms: CSI, OSC, DCS/SOS/PM/APC strings, 2-char escapes.
const SEQUENCE = new RegExp([
  '(?:\\u001b\\[|\\u009b)([0-?]*)([ -/]*)([@-~])',               // CSI: params, intermediates, final
  '(?:\\u001b\\]|\\u009d)[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?', // OSC … BEL/ST
  '(?:\\u001b[PX^_]|[\\u0090\\u0098\\u009e\\u009f])[^\\u001b\\u009c]*(?:\\u001b\\\\|\\u009c)?', // DCS/SOS/PM/APC … ST
  '\\u001b[ -/]*[0-~]',                                            // ESC ( B, ESC 7, ESC =, …
].join('|'), 'g');
const BARE_SGR = /(?<![\u001b\u0001])\[(?:(\d{1,3}(?:[;:]\d{1,3})*)m|m(?![\w\]]))/g;
const BARE_CURSOR = /(?<![\u001b\u0001])\[(?:\?\d{1,4}[hl]|\d{1,3}(?:;\d{1,3})?[ABCDEFGHJKSTfnr]|[ABCDHJK](?![\w\]]))/g;
// C0 controls but TAB and LF, DEL, C1 controls, and bidi overrides/isolates (they can make text read backwards).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const SGR = /\u001b\[[\d;:]*m/g;

/** Colours kept as `ESC[…m`, everything else that could move the cursor, retitle, link or hide text removed. */
export function sanitizeConsoleText(raw: string): string {
  let text = raw.replace(/\r\n/g, '\n').replace(/\r(?!\n)/g, '');
  // keep SGR as placeholders so the CONTROL pass does not eat their ESC; \u0001 is a control char itself, so
  // any \u0001 in the input is gone before the placeholders are turned back
  text = text.replace(/\u0001/g, '');
  text = text.replace(SEQUENCE, (_whole: string, params?: string, inter?: string, final?: string) =>
    final === 'm' && !inter && /^[\d;:]*$/.test(params ?? '') ? `\u0001[${params}m` : '');
  text = text.replace(BARE_SGR, (_m, params?: string) => `\u0001[${params ?? ''}m`);
  text = text.replace(BARE_CURSOR, '');
  text = text.replace(CONTROL, (c) => (c === '\u0001' ? c : ''));
  return text.replace(/\u0001/g, ESC);
}

/** The text without any escape or control sequence: for the full-log document, filtering and copying. */
export function stripAnsi(raw: string): string {
  return sanitizeConsoleText(raw).replace(SGR, '');
}

/** Removes the colour escapes that sanitizeConsoleText kept. */
export function stripSgr(sanitized: string): string {
  return sanitized.replace(SGR, '');
}

/** A name (instance, network) from the cloud as one line of plain text. */
export function plainName(raw: string, max = 200): string {
  const flat = stripAnsi(raw).replace(/[\n\t]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Splits sanitized text into complete lines and the unterminated tail. */
export function splitLines(text: string): { lines: string[]; tail: string } {
  const parts = text.split('\n');
  const tail = parts.pop() ?? '';
  return { lines: parts, tail };
}
