// The pieces of the webview protocols' guards (the console panel's and the topology's): a message crosses from a
// browser frame to the host, and every field is checked before anything reads it. Pure: no vscode, Node or DOM.

export type Obj = Record<string, unknown>;

/** A plain object (structured clone yields only these; anything with another prototype is refused). */
export const isObj = (x: unknown): x is Obj => {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
};
export const isStr = (x: unknown, max = 10_000): x is string => typeof x === 'string' && x.length <= max;
export const isOptStr = (x: unknown, max?: number) => x === undefined || isStr(x, max);
export const isInt = (x: unknown, min: number, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
export const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
export const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
export const isOptNum = (x: unknown): boolean => x === undefined || isNum(x);
export const isStrArray = (x: unknown, maxItems: number, maxChars = 100_000): x is string[] =>
  Array.isArray(x) && x.length <= maxItems && x.every((s) => isStr(s, maxChars));
/** Whether O has no key but KEYS (a message with a field nobody reads is refused). */
export const hasOnly = (o: Obj, keys: readonly string[]): boolean => Object.keys(o).every((k) => keys.includes(k));
