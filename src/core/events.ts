/** What a listener subscription returns; vscode.Disposable has the same shape. */
export interface Disposable {
  dispose(): void;
}

/** An event as VS Code's API types it, so listeners (and `context.subscriptions`) take it unchanged. */
export type Event<T> = (listener: (value: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

/**
 * vscode.EventEmitter's behaviour without VS Code, so the services that fire events (sessions,
 * the rooms model, feature links) load and are unit-tested outside the extension host.
 */
export class Emitter<T> implements Disposable {
  private listeners: ((value: T) => unknown)[] = [];
  private disposed = false;

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = thisArgs === undefined ? listener : listener.bind(thisArgs);
    if (!this.disposed) {
      this.listeners.push(bound);
    }
    const subscription = { dispose: () => void (this.listeners = this.listeners.filter((candidate) => candidate !== bound)) };
    disposables?.push(subscription);
    return subscription;
  };

  /** Calls every listener; one that throws does not keep the others from hearing the event. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error(error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}
