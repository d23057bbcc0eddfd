import * as vscode from 'vscode';
import { inertForNotification, visible } from '../shared/inertText';

export { isCancellation } from './cancelled';

/** Bridges VS Code's cancellation to the AbortSignal the API client understands. */
export function toAbortSignal(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
  }
  const listener = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => listener.dispose() };
}

/** Runs a cancellable task under a progress notification, handing it an AbortSignal. */
export async function withCancellableProgress<T>(
  title: string,
  task: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>,
  location: vscode.ProgressLocation | { viewId: string } = vscode.ProgressLocation.Notification,
): Promise<T> {
  // A notification progress shows title and message as one notification text, which links
  // `[label](command:…)`: both are made inert here, as they often name a room.
  return vscode.window.withProgress({ location, title: inertForNotification(title), cancellable: true }, async (progress, token) => {
    const abort = toAbortSignal(token);
    const inertProgress: vscode.Progress<{ message?: string; increment?: number }> = {
      report: (value) =>
        progress.report(value.message === undefined ? value : { ...value, message: inertForNotification(visible(value.message)) }),
    };
    try {
      return await task(abort.signal, inertProgress);
    } finally {
      abort.dispose();
    }
  });
}
