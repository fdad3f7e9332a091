// The one wrapper every command runs in: failures become a message naming the cause and offering the log,
// cancellation stays silent, and everything is logged. A command's first argument is a tree node, or nothing; an
// argument from elsewhere (a webview's context menu hands over its element's context) is turned into the node the
// commands understand by the resolver its feature registered. It registers through ./registrations, which fills
// the placeholder the activation shell registered for the command.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Log } from '../context/log';
import { plainText } from '../core/displayText';
import { OpenStackError } from '../openstack/errors';
import { ConfigError } from '../openstack/config';
import { explainRefusal } from '../core/refusals';
import { NothingToPick } from './pickers';
import { Cancelled } from '../core/cancelled';
import { registerCommandHandler } from './registrations';

export function isCancellation(err: unknown): boolean {
  return err instanceof Cancelled || err instanceof vscode.CancellationError || (err instanceof OpenStackError && err.kind === 'aborted');
}

/** The node-like argument ARG stands for, or undefined when ARG is not of its kind; may throw (reported as the command's failure). */
export type ArgumentResolver = (arg: unknown) => unknown;

const resolvers = new Set<ArgumentResolver>();

export function registerArgumentResolver(resolver: ArgumentResolver): vscode.Disposable {
  resolvers.add(resolver);
  return { dispose: () => resolvers.delete(resolver) };
}

function resolveArgument(arg: unknown): unknown {
  for (const resolve of resolvers) {
    const node = resolve(arg);
    if (node !== undefined) return node;
  }
  return arg;
}

export function registerCommand(log: Log, id: string, handler: (...args: never[]) => unknown): vscode.Disposable {
  return registerCommandHandler(id, async (...args: unknown[]) => {
    try {
      return await (handler as (...a: unknown[]) => unknown)(...args.map((a, i) => (i === 0 ? resolveArgument(a) : a)));
    } catch (err) {
      reportError(log, id, err);
      return undefined;
    }
  });
}

export function reportError(log: Log, context: string, err: unknown): void {
  if (isCancellation(err)) {
    log.info(`${context}: cancelled`);
    return;
  }
  if (err instanceof NothingToPick) {
    log.info(`${context}: ${err.message}`);
    void vscode.window.showInformationMessage(plainText(err.message));
    return;
  }
  const refusal = explainRefusal(err);
  const message = refusal?.message ?? (err instanceof Error ? err.message : String(err));
  log.error(`${context}: ${err instanceof Error ? err.message : String(err)}`);
  const known = err instanceof OpenStackError || err instanceof ConfigError || refusal !== undefined;
  if (!known && err instanceof Error && err.stack) log.error(err.stack);
  const showLog = l10n.t('Show Log');
  const actions = [...(refusal?.fix ? [refusal.fix.title] : []), showLog];
  void vscode.window.showErrorMessage(plainText(message), ...actions).then((choice) => {
    if (choice === showLog) log.show(true);
    else if (choice && refusal?.fix) void vscode.commands.executeCommand(refusal.fix.command, ...(refusal.fix.args ?? []));
  });
}

/** Runs WORK under a cancellable progress notification; its AbortSignal follows the Cancel button. */
export function withProgress<T>(title: string, work: (signal: AbortSignal, report: (message: string, increment?: number) => void) => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: plainText(title), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        return await work(controller.signal, (message, increment) => progress.report({ message, increment }));
      } finally {
        sub.dispose();
      }
    },
  ));
}

/**
 * A progress REPORT for a transfer, at most ~100 updates: one per percent or every 500 ms, and the last. A report
 * per chunk would flood the notification (64 KiB chunks: 16,000 for a 1 GB file).
 */
export function percentReporter(report: (message: string, increment?: number) => void): (percent: number, message: () => string) => void {
  let shown = 0;
  let last = 0;
  return (percent, message) => {
    if (percent - shown < 1 && percent < 100 && Date.now() - last < 500) return;
    report(message(), percent - shown);
    shown = percent;
    last = Date.now();
  };
}
