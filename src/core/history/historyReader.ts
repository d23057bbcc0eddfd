/** What the timeline and panel read from the recorded history of the current server. */
export interface HistoryReader {
  /** Epoch ms of each recorded first sighting of a message of the room (ascending, at most `limit`). */
  messageArrivals(serverUrl: string, roomId: string, limit: number): readonly number[];
  readonly onDidChange: import('../events').Event<void>;
}
