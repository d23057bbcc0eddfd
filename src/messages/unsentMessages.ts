import type { RtcMessage } from '../api/types';

/** A single message half-typed when the user pressed Escape, to prefill the next attempt. */
export interface MessageDraft {
  id: string;
  salt: string;
  data: string;
}

/**
 * What the user loaded or typed but the server did not take yet, per server and room: the
 * remainder of a failed or stopped upload, and an unfinished single-message draft. Kept in
 * memory for the session, so dismissing a notification loses nothing: "Add Messages…" offers
 * the remainder again. No vscode import (unit-tested).
 */
export class UnsentMessages {
  private readonly remainders = new Map<string, RtcMessage[]>();
  private readonly drafts = new Map<string, MessageDraft>();

  remainder(serverUrl: string, roomId: string): RtcMessage[] | undefined {
    return this.remainders.get(key(serverUrl, roomId));
  }

  keepRemainder(serverUrl: string, roomId: string, messages: RtcMessage[]): void {
    if (messages.length === 0) {
      this.remainders.delete(key(serverUrl, roomId));
    } else {
      this.remainders.set(key(serverUrl, roomId), messages);
    }
  }

  draft(serverUrl: string, roomId: string): MessageDraft | undefined {
    return this.drafts.get(key(serverUrl, roomId));
  }

  keepDraft(serverUrl: string, roomId: string, draft: MessageDraft | undefined): void {
    if (draft) {
      this.drafts.set(key(serverUrl, roomId), draft);
    } else {
      this.drafts.delete(key(serverUrl, roomId));
    }
  }
}

function key(serverUrl: string, roomId: string): string {
  return JSON.stringify([serverUrl, roomId]);
}
