import type { Room } from '../api/types';
import { Emitter, type Disposable } from './events';
import type { SnapshotInfo } from './snapshotStore';

/**
 * What one feature does for another when the user acts (a panel button, Undo, an expired
 * session). Each is provided by the feature that owns it and run through its command runner.
 */
export interface LinkedActions {
  /** Session: the sign-in flow, as "Sign In" runs it; true once signed in. */
  signIn(): Promise<boolean | undefined>;
  /** Session: "Session expired — sign in again?", asked once however many actions wait. */
  signInAgain(): Promise<boolean>;
  /** Messages: Add Messages… and Delete All Messages on one room. */
  addMessages(roomId: string): Promise<unknown>;
  deleteMessages(roomId: string): Promise<unknown>;
  /** Messages: puts the messages of a Delete All Messages snapshot back ("Restore Deleted Room…"). */
  restoreMessages(snapshot: SnapshotInfo): Promise<void>;
  /** Rooms: puts back a room Delete Room removed, from its saved copy on the current server (a panel's Undo). */
  restoreRoom(roomId: string): Promise<unknown>;
  /** Session: points the extension back at a server used before (a panel's "Switch back"), signing in if needed. */
  switchServer(serverUrl: string): Promise<unknown>;
  /** Rooms: Open Room JSON, and Export of a room (as loaded, or as the server sends it when too big to load). */
  openRoomJson(roomId: string): Promise<unknown>;
  exportRoom(roomId: string, loaded: Room | undefined): Promise<unknown>;
  /** Session: "Copy Request as…" offering one room's recent requests (the panel's button). */
  copyRequestAs(roomId: string): Promise<unknown>;
  /** Compare: "Compare with…" on one room. */
  compareRoom(roomId: string): Promise<unknown>;
}

/** A room one of our writes changed, and whether it has messages now (its tree entry follows at once). */
export interface ChangedRoom {
  readonly roomId: string;
  readonly hasMessages: boolean;
}

/**
 * The one place features reach each other at run time, built by the composition root and
 * handed to every feature: no feature imports another, and the order of the register() calls
 * does not matter, since nothing here is called before activation ends.
 */
export class FeatureLinks implements Disposable {
  private readonly provided = new Map<keyof LinkedActions, unknown>();
  private readonly roomChanged = new Emitter<ChangedRoom>();
  /** A room's contents changed on the server through one of our writes (messages added, deleted, restored). */
  readonly onDidChangeRoom = this.roomChanged.event;

  provide<K extends keyof LinkedActions>(name: K, action: LinkedActions[K]): Disposable {
    if (this.provided.has(name)) {
      throw new Error(`"${name}" is provided twice.`);
    }
    this.provided.set(name, action);
    return { dispose: () => void this.provided.delete(name) };
  }

  run<K extends keyof LinkedActions>(name: K, ...args: Parameters<LinkedActions[K]>): ReturnType<LinkedActions[K]> {
    const action = this.provided.get(name) as ((...values: unknown[]) => ReturnType<LinkedActions[K]>) | undefined;
    if (!action) {
      return Promise.reject(new Error(`"${name}" is not available: its feature is not registered.`)) as ReturnType<LinkedActions[K]>;
    }
    return action(...args);
  }

  changedRoom(roomId: string, hasMessages: boolean): void {
    this.roomChanged.fire({ roomId, hasMessages });
  }

  dispose(): void {
    this.provided.clear();
    this.roomChanged.dispose();
  }
}
