// VS Code's multi-step input pattern on one quick input at a time: "Title (2/5)", a Back button, validation
// as the user types, Escape cancels. Steps keep their answers in their own state and offer them as the
// value, so Back shows what was typed before.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Cancelled } from '../core/cancelled';
import { plainText, safePickItems } from '../core/displayText';

/** Asks through INPUT (usually once), keeps the answer, and returns the next step; undefined ends the input. */
export type Step = (input: MultiStepInput) => Promise<Step | undefined>;

/** Thrown by a step to return to the step before it, e.g. after a refused sign-in; REASON is shown there. */
export class GoBack extends Error {
  constructor(readonly reason?: string) {
    super(reason ?? 'back');
  }
}

export interface InputBoxOptions {
  prompt: string;
  placeholder?: string;
  value?: string;
  /** Where the cursor starts, e.g. after a `https://` prefix; by default the whole value is selected. */
  valueSelection?: [number, number];
  password?: boolean;
  /** What is wrong with VALUE, or undefined; shown as the user types, and Enter is refused while it says something. */
  validate?: (value: string) => string | undefined;
}

export interface QuickPickOptions<T extends vscode.QuickPickItem> {
  placeholder: string;
  items: readonly T[];
  /** The items again, each time more were read: the pick is busy until it ends, and shows its failure, if any. */
  more?: AsyncIterable<readonly T[]>;
  active?: T;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** Why CHOSEN cannot be taken (e.g. a flavor over quota), or undefined; the pick stays open and shows it. */
  refuse?: (chosen: T) => string | undefined;
}

export interface QuickPickManyOptions<T extends vscode.QuickPickItem> {
  placeholder: string;
  items: readonly T[];
  /** Checked when the step opens. */
  selected?: readonly T[];
  matchOnDescription?: boolean;
  /** Why CHOSEN cannot be taken (e.g. nothing checked), or undefined; the pick stays open and shows it. */
  refuse?: (chosen: readonly T[]) => string | undefined;
}

/** What an input box and a quick pick of any item type share. */
type Prompt = vscode.QuickInput & {
  buttons: readonly vscode.QuickInputButton[];
  readonly onDidTriggerButton: vscode.Event<vscode.QuickInputButton>;
};

export class MultiStepInput {
  private current?: Prompt;
  private step = 0;
  private reason?: string;

  private constructor(private readonly title: string, private readonly totalSteps: () => number) {}

  /** Runs the steps from FIRST; rejects with Cancelled when the user dismisses one. */
  static async run(title: string, totalSteps: () => number, first: Step): Promise<void> {
    const input = new MultiStepInput(title, totalSteps);
    const steps: Step[] = [first];
    try {
      for (;;) {
        input.step = steps.length;
        try {
          const next = await steps[steps.length - 1](input);
          if (!next) return;
          steps.push(next);
        } catch (err) {
          if (!(err instanceof GoBack)) throw err;
          if (steps.length > 1) steps.pop();
          input.reason = err.reason;
        }
      }
    } finally {
      input.current?.dispose();
    }
  }

  inputBox(options: InputBoxOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    box.prompt = plainText(options.prompt);
    box.placeholder = options.placeholder && plainText(options.placeholder);
    box.value = options.value ?? '';
    if (options.valueSelection) box.valueSelection = options.valueSelection;
    box.password = options.password ?? false;
    // until the user edits the value; Enter still accepts it, so a sign-in can simply be retried
    box.validationMessage = this.takeReason();
    const problem = (value: string) => {
      const message = options.validate?.(value);
      return message === undefined ? undefined : plainText(message);
    };
    return this.ask<string>(box, (resolve) => [
      box.onDidChangeValue((value) => (box.validationMessage = problem(value))),
      box.onDidAccept(() => {
        box.validationMessage = problem(box.value);
        if (box.validationMessage === undefined) resolve(box.value);
      }),
    ]);
  }

  /** Items are shown through safePickItems (names may carry `$(…)` or bidi controls); the caller gets its own item back. */
  quickPick<T extends vscode.QuickPickItem>(options: QuickPickOptions<T>): Promise<T> {
    const pick = vscode.window.createQuickPick<T>();
    // a quick pick has no validation message: the reason stands in for the placeholder
    pick.placeholder = plainText(this.takeReason() ?? options.placeholder);
    let { shown, original } = safePickItems(options.items);
    pick.items = shown;
    if (options.active) pick.activeItems = shown.filter((s) => original(s) === options.active);
    pick.matchOnDescription = options.matchOnDescription ?? false;
    pick.matchOnDetail = options.matchOnDetail ?? false;
    const reading = new AbortController();
    const show = (items: readonly T[]) => {
      const active = pick.activeItems.map(original);
      ({ shown, original } = safePickItems(items));
      pick.items = shown;
      pick.activeItems = shown.filter((s) => active.includes(original(s)));
    };
    if (options.more) void addWhileOpen(pick, options.more, show, reading.signal);
    return this.ask<T>(pick, (resolve) => [
      pick.onDidAccept(() => {
        const [picked] = pick.selectedItems;
        if (!picked) return;
        const chosen = original(picked);
        const refused = options.refuse?.(chosen);
        if (refused !== undefined) return refuseIn(pick, refused);
        reading.abort();   // before anything else: no more items on an answered pick
        resolve(chosen);
      }),
    ]).finally(() => reading.abort());
  }

  /** A quick pick with checkboxes; resolves with the checked items when the user accepts. */
  quickPickMany<T extends vscode.QuickPickItem>(options: QuickPickManyOptions<T>): Promise<T[]> {
    const pick = vscode.window.createQuickPick<T>();
    pick.canSelectMany = true;
    pick.placeholder = plainText(this.takeReason() ?? options.placeholder);
    const { shown, original } = safePickItems(options.items);
    pick.items = shown;
    if (options.selected) pick.selectedItems = shown.filter((s) => options.selected!.includes(original(s)));
    pick.matchOnDescription = options.matchOnDescription ?? false;
    return this.ask<T[]>(pick, (resolve) => [
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems.map(original);
        const refused = options.refuse?.(chosen);
        if (refused === undefined) resolve(chosen);
        else refuseIn(pick, refused);
      }),
    ]);
  }

  private ask<T>(prompt: Prompt, listen: (resolve: (value: T) => void) => vscode.Disposable[]): Promise<T> {
    prompt.title = plainText(l10n.t({ message: '{0} ({1}/{2})', args: [this.title, this.step, Math.max(this.step, this.totalSteps())], comment: ['A multi-step input\'s title: {0} the title, {1} this step, {2} the number of steps'] }));
    prompt.ignoreFocusOut = true;
    prompt.buttons = this.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    const listeners: vscode.Disposable[] = [];
    const answer = new Promise<T>((resolve, reject) => {
      listeners.push(
        ...listen(resolve),
        prompt.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) reject(new GoBack());
        }),
        prompt.onDidHide(() => reject(new Cancelled())),
      );
    });
    this.current?.dispose();
    this.current = prompt;
    prompt.show();
    return answer.finally(() => {
      vscode.Disposable.from(...listeners).dispose();
      // stays visible, busy, while the step works (e.g. signs in) until the next prompt replaces it
      prompt.busy = true;
      prompt.enabled = false;
    });
  }

  private takeReason(): string | undefined {
    const reason = this.reason;
    this.reason = undefined;
    return reason === undefined ? undefined : plainText(reason);
  }
}

/** Shows each list MORE yields in PICK (busy until it ends) while CLOSED is not aborted; a failure takes the placeholder. */
async function addWhileOpen<T extends vscode.QuickPickItem>(pick: vscode.QuickPick<T>, more: AsyncIterable<readonly T[]>, show: (items: readonly T[]) => void, closed: AbortSignal): Promise<void> {
  pick.busy = true;
  try {
    for await (const items of more) {
      if (closed.aborted) return;
      show(items);
    }
  } catch (err) {
    if (!closed.aborted) pick.placeholder = plainText(l10n.t('The rest could not be read: {0}', err instanceof Error ? err.message : String(err)));
  } finally {
    if (!closed.aborted) pick.busy = false;
  }
}

/** A quick pick has no validation message: the reason takes the placeholder's place, over an emptied filter. */
function refuseIn(pick: vscode.QuickPick<vscode.QuickPickItem>, reason: string): void {
  pick.value = '';
  pick.placeholder = plainText(reason);
}
