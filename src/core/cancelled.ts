import { WorldClientError } from '../api/errors';

/**
 * True for every way an action ends because the user (or a newer action) cancelled it: such an
 * end is silent. vscode.CancellationError is known by its name, so this loads without VS Code.
 */
export function isCancellation(error: unknown): boolean {
  return (
    (error instanceof Error && (error.name === 'Canceled' || error.name === 'AbortError')) ||
    (error instanceof WorldClientError && error.kind === 'cancelled')
  );
}
