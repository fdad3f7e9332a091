// Names come from the cloud, and anyone who can create a resource chooses them. Shown in the workbench they must
// read as what they are: a bidi control (U+202E…) would reverse the rest of a row, description included, and
// `$(name)` in a quick pick, status bar or notification renders as an icon. Every place that shows a name passes
// it through here. Pure: no vscode import, unit-tested.

/** Bidi embeddings, overrides, isolates and marks: they change the order in which the text around them reads. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** What VS Code renders as a codicon in labels with icons: `$(name)` or `$(name~modifier)`. */
const ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/** For a tree row, tooltip, dialog or title: each bidi control shown as its escape (`\u202E`), so TEXT reads in the order it is stored. */
export function plainText(text: string): string {
  return text.replace(BIDI, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/**
 * For text that renders icons (quick pick, status bar): plainText with every `$(icon)` escaped as `\$(icon)`,
 * which VS Code shows literally (a backslash already before it stays visible too).
 */
export function iconSafeText(text: string): string {
  return plainText(text).replace(ICON, '\\$&');
}

/** The texts of a quick pick item that VS Code renders. */
export interface PickTexts {
  label: string;
  description?: string;
  detail?: string;
}

/**
 * ITEMS as VS Code should show them: copies whose label, description and detail went through iconSafeText (an
 * item's own icon is its iconPath, never `$(…)` text), and `original` to map a chosen copy back to its item.
 */
export function safePickItems<T extends PickTexts>(items: readonly T[]): { shown: T[]; original: (shown: T) => T } {
  const back = new Map<T, T>();
  const shown = items.map((item) => {
    const copy: T = {
      ...item,
      label: iconSafeText(item.label),
      ...(item.description !== undefined ? { description: iconSafeText(item.description) } : {}),
      ...(item.detail !== undefined ? { detail: iconSafeText(item.detail) } : {}),
    };
    back.set(copy, item);
    return copy;
  });
  return { shown, original: (s) => back.get(s) ?? s };
}

/** What a file name in a path cannot hold: separators and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const NOT_IN_FILE_NAME = /[/\\\u0000-\u001f\u007f-\u009f]+/g;

/** NAME as the file name of a virtual document (its tab title): any script kept, at most MAX characters. */
export function fileNameOf(name: string, max = 80): string {
  const chars = [...plainText(name.replace(NOT_IN_FILE_NAME, '_').trim())];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
