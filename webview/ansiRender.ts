// ANSI colours in console text, rendered without HTML: ansi_up 6 parses the SGR escapes and keeps the colour
// state across lines, and we take its parsed runs (text + attributes) instead of its HTML string, then build
// <span>s with textContent and classes. Nothing from the console is ever parsed as HTML, so a `<script>` or
// `<img onerror>` in a log is just text. Hyperlinks (OSC 8) are dropped to their text; the host has already
// removed every other control sequence (src/features/console/model/ansi.ts).
import { AnsiUp } from 'ansi_up';
import { stripSgr } from '../src/features/console/model/ansi';

interface AnsiColor {
  rgb: number[];
  class_name: string;
}

interface Run {
  text: string;
  fg: AnsiColor | null;
  bg: AnsiColor | null;
  bold: boolean;
  faint: boolean;
  italic: boolean;
  underline: boolean;
}

/**
 * ansi_up's internal hooks (6.0.x): ansi_to_html() hands each text run to transform_to_html() and each OSC 8 link
 * to process_hyperlink(); replacing them on the instance captures the runs. If a future ansi_up renames them the
 * self-check below fails and the text is shown without colours rather than as HTML.
 */
interface AnsiUpHooks {
  transform_to_html(run: Run): string;
  process_hyperlink(packet: { text: string }): string;
}

const BASIC = /^ansi-(bright-)?(black|red|green|yellow|blue|magenta|cyan|white)$/;

export class AnsiRenderer {
  private parser!: AnsiUp;
  private runs: Run[] = [];
  private usable = true;

  constructor() {
    this.reset();
    this.usable = this.selfCheck();
    this.reset();
  }

  /** Forgets the colour state (before rendering a log from its start). */
  reset(): void {
    const parser = new AnsiUp();
    parser.use_classes = true;
    parser.escape_html = true;
    const hooks = parser as unknown as AnsiUpHooks;
    if (typeof hooks.transform_to_html === 'function' && typeof hooks.process_hyperlink === 'function') {
      hooks.transform_to_html = (run) => { this.runs.push({ ...run }); return ''; };
      hooks.process_hyperlink = (packet) => { this.runs.push({ text: packet.text, fg: null, bg: null, bold: false, faint: false, italic: false, underline: false }); return ''; };
    } else {
      this.usable = false;
    }
    this.parser = parser;
  }

  /** Appends LINE's runs as spans to PARENT; colour state carries over to the next line, as in a terminal. */
  renderInto(parent: HTMLElement, line: string): void {
    if (!this.usable) {
      parent.append(document.createTextNode(stripSgr(line)));
      return;
    }
    this.runs = [];
    this.parser.ansi_to_html(line);
    for (const run of this.runs) {
      const text = run.text;
      if (!text) continue;
      if (!run.fg && !run.bg && !run.bold && !run.faint && !run.italic && !run.underline) {
        parent.append(document.createTextNode(text));
        continue;
      }
      const span = document.createElement('span');
      span.textContent = text;
      if (run.bold) span.classList.add('ansi-bold');
      if (run.faint) span.classList.add('ansi-faint');
      if (run.italic) span.classList.add('ansi-italic');
      if (run.underline) span.classList.add('ansi-underline');
      colour(span, run.fg, 'fg');
      colour(span, run.bg, 'bg');
      parent.append(span);
    }
  }

  private selfCheck(): boolean {
    this.runs = [];
    this.parser.ansi_to_html('\u001b[31mx\u001b[0m');
    return this.runs.length === 1 && this.runs[0].text === 'x' && this.runs[0].fg?.class_name === 'ansi-red';
  }
}

/** Basic colours map to theme variables (terminal.ansi*) through classes; 256/true colours go through the CSSOM. */
function colour(span: HTMLElement, c: AnsiColor | null, which: 'fg' | 'bg'): void {
  if (!c) return;
  if (BASIC.test(c.class_name)) {
    span.classList.add(`${c.class_name}-${which}`);
    return;
  }
  const [r, g, b] = c.rgb.map((v) => Math.max(0, Math.min(255, Math.round(Number(v) || 0))));
  // CSSOM property writes are not inline-style attributes: CSP style-src does not apply to them
  if (which === 'fg') span.style.color = `rgb(${r}, ${g}, ${b})`;
  else span.style.backgroundColor = `rgb(${r}, ${g}, ${b})`;
}
