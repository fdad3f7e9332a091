// Reads the variables an openrc file sets (Horizon's v3 and application-credential downloads)
// without running it. Turn the result into a cloud with cloudFromEnvVars(vars, { source: 'extension' }).

export interface Openrc {
  /** Variables the file sets to values known without running anything, e.g. OS_AUTH_URL. */
  vars: Record<string, string>;
  /** OS_PASSWORD comes from a prompt (Horizon's `read -sr OS_PASSWORD_INPUT`) or something else only a shell knows. */
  needsPassword: boolean;
  /** Other variables whose values need a shell (`$(...)`, or variables from outside the file); left out of vars. */
  unresolved: string[];
}

type Part = { text: string } | { ref: string } | { opaque: true };
type Word = Part[];
type Token = Word | 'separator';
type Unknown = 'prompt' | 'opaque';

export function parseOpenrc(text: string): Openrc {
  const known = new Map<string, string>();
  const unknown = new Map<string, Unknown>();
  // Names that `read` fills from the terminal, such as Horizon's OS_PASSWORD_INPUT.
  const prompts = new Set<string>();
  let ifDepth = 0;

  const forget = (name: string) => {
    known.delete(name);
    unknown.delete(name);
    prompts.delete(name);
  };
  const assign = (word: Word) => {
    const [first, ...rest] = word;
    if (!first || !('text' in first)) return;
    const match = /^([A-Za-z_]\w*)=/.exec(first.text);
    if (!match) return;
    const name = match[1];
    forget(name);
    const value = expand([{ text: first.text.slice(match[0].length) }, ...rest], known, (ref) => prompts.has(ref) || unknown.get(ref) === 'prompt');
    if (typeof value === 'string') known.set(name, value);
    else unknown.set(name, value.unknown);
  };

  for (const line of text.split(/\r?\n/)) {
    for (const command of commands(tokenize(line))) {
      const head = literal(command[0]);
      // Horizon's `if [ -z "$X" ]; then unset X; fi` guards are skipped whole, as are other if blocks.
      if (head === 'if') ifDepth++;
      else if (head === 'fi') ifDepth = Math.max(0, ifDepth - 1);
      else if (ifDepth > 0) continue;
      else if (head === 'export') command.slice(1).forEach(assign);
      else if (head === 'unset') command.slice(1).map(literal).forEach((name) => name && forget(name));
      else if (head === 'read') readNames(command.slice(1)).forEach((name) => (forget(name), prompts.add(name)));
      else if (command.every((word) => literal(word.slice(0, 1))?.includes('='))) command.forEach(assign);
      // Anything else (echo, set, source, ...) is ignored, never run.
    }
  }
  return {
    vars: Object.fromEntries(known),
    needsPassword: unknown.has('OS_PASSWORD'),
    unresolved: [...unknown.keys()].filter((name) => name !== 'OS_PASSWORD'),
  };
}

function expand(parts: Word, known: Map<string, string>, isPrompted: (name: string) => boolean): string | { unknown: Unknown } {
  let value = '';
  let missing: Unknown | undefined;
  for (const part of parts) {
    if ('text' in part) value += part.text;
    else if ('ref' in part && known.has(part.ref)) value += known.get(part.ref);
    else if ('ref' in part && isPrompted(part.ref)) missing ??= 'prompt';
    else missing = 'opaque';
  }
  return missing ? { unknown: missing } : value;
}

// `read -sr NAME` or `read -p "Password: " NAME`; options that take an argument consume the next word.
function readNames(words: Word[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = literal(words[i]);
    if (word?.startsWith('-')) {
      if (/[adinNptu]$/.test(word)) i++;
    } else if (word && /^[A-Za-z_]\w*$/.test(word)) {
      names.push(word);
    }
  }
  return names;
}

function literal(word: Word | undefined): string | undefined {
  if (!word || !word.every((part) => 'text' in part)) return undefined;
  return word.map((part) => ('text' in part ? part.text : '')).join('');
}

function commands(tokens: Token[]): Word[][] {
  const result: Word[][] = [[]];
  for (const token of tokens) {
    if (token === 'separator') result.push([]);
    else result[result.length - 1].push(token);
  }
  return result.filter((command) => command.length > 0);
}

/** Splits one line into shell words and separators (; & |), honouring quotes, escapes and comments. */
function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let word: Word | undefined;
  const push = (part: Part) => {
    word ??= [];
    const last = word[word.length - 1];
    if ('text' in part && last && 'text' in last) last.text += part.text;
    else word.push(part);
  };
  const endWord = () => {
    if (word) tokens.push(word);
    word = undefined;
  };

  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t') {
      endWord();
      i++;
    } else if (ch === '#' && !word) {
      break;
    } else if (ch === ';' || ch === '&' || ch === '|') {
      endWord();
      tokens.push('separator');
      i += line[i + 1] === ch ? 2 : 1;
    } else if (ch === '\\') {
      push({ text: line[i + 1] ?? '' });
      i += 2;
    } else if (ch === "'") {
      const close = line.indexOf("'", i + 1);
      push({ text: line.slice(i + 1, close < 0 ? undefined : close) });
      i = close < 0 ? line.length : close + 1;
    } else if (ch === '"') {
      push({ text: '' });
      i = readDoubleQuoted(line, i + 1, push);
    } else {
      const expansion = readExpansion(line, i);
      if (expansion) {
        push(expansion.part);
        i = expansion.next;
      } else {
        push({ text: ch });
        i++;
      }
    }
  }
  endWord();
  return tokens;
}

// Inside "...", a backslash escapes only $ ` " \ and $-expansions still happen. Returns the index after the closing quote.
function readDoubleQuoted(line: string, start: number, push: (part: Part) => void): number {
  let i = start;
  while (i < line.length && line[i] !== '"') {
    const expansion = readExpansion(line, i);
    if (expansion) {
      push(expansion.part);
      i = expansion.next;
    } else if (line[i] === '\\' && '$`"\\'.includes(line[i + 1] ?? '')) {
      push({ text: line[i + 1] });
      i += 2;
    } else {
      push({ text: line[i] });
      i++;
    }
  }
  return i + 1;
}

// $NAME, ${NAME}, or something only a shell can work out: $(...), `...`, ${X:-y}, $1, $?.
function readExpansion(line: string, i: number): { part: Part; next: number } | undefined {
  if (line[i] === '`') {
    const close = line.indexOf('`', i + 1);
    return { part: { opaque: true }, next: close < 0 ? line.length : close + 1 };
  }
  if (line[i] !== '$') return undefined;
  const rest = line.slice(i + 1);
  if (rest.startsWith('(')) return { part: { opaque: true }, next: i + 1 + closingParen(rest) };
  if (rest.startsWith('{')) {
    const close = rest.indexOf('}');
    const inner = rest.slice(1, close < 0 ? undefined : close);
    const part: Part = /^[A-Za-z_]\w*$/.test(inner) ? { ref: inner } : { opaque: true };
    return { part, next: close < 0 ? line.length : i + 2 + close };
  }
  const name = /^[A-Za-z_]\w*/.exec(rest);
  if (name) return { part: { ref: name[0] }, next: i + 1 + name[0].length };
  if (/^[0-9@*#?$!-]/.test(rest)) return { part: { opaque: true }, next: i + 2 };
  return undefined;
}

// Index just past the `)` matching the `(` at text[0], or text.length.
function closingParen(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}
