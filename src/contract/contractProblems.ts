import * as vscode from 'vscode';
import { sentValue } from '../api/shapes';
import type { Room } from '../api/types';
import { checkRoomReply } from '../shared/contract/replyChecks';
import { checkRoomList, roomIdOf } from '../shared/contract/roomChecks';
import type { Problem } from '../shared/contract/rules';
import { layoutRoomDocument, type RoomDocument, type TextRange } from '../shared/roomDocument';

/** A problem placed in its room's JSON document. */
export interface PlacedProblem extends Problem {
  range: TextRange;
}

/**
 * The contract problems of every room the extension has seen: the list's, from each refresh,
 * and each room's reply's, from "Check Rooms" or from opening its JSON. All rules are kept;
 * the disabled ones are left out when read, so turning a rule back on needs no new requests.
 */
export class ContractProblems implements vscode.Disposable {
  private readonly fromList = new Map<string, PlacedProblem[]>();
  private readonly fromReply = new Map<string, PlacedProblem[]>();
  private checkedList: readonly object[] | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private disabled: ReadonlySet<string>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs the list-level rules; a list already checked (same array) is not checked again. */
  setList(rooms: readonly object[]): void {
    if (rooms === this.checkedList) {
      return;
    }
    this.checkedList = rooms;
    this.fromList.clear();
    const listedIds = new Set<string>();
    const byRoom = groupByRoom(checkRoomList(rooms, { now: this.now(), read: sentValue }));
    for (const room of rooms) {
      const id = roomIdOf(room, sentValue);
      listedIds.add(id);
      const problems = byRoom.get(id);
      if (problems && !this.fromList.has(id)) {
        // Fields only: the list has no messages, and the fields come first in the document.
        const document = layoutRoomDocument(room, (field) => sentValue(room, field), undefined);
        this.fromList.set(id, place(problems, document));
      }
    }
    for (const id of [...this.fromReply.keys()].filter((id) => !listedIds.has(id))) {
      this.fromReply.delete(id); // The room is gone from the server.
    }
    this.changed.fire();
  }

  /** Runs the rules on one room's reply, placed in its document; re-places the list's problems there too. */
  setReply(askedId: string, room: Room, document: RoomDocument): PlacedProblem[] {
    const listed = this.checkedList?.find((entry) => roomIdOf(entry, sentValue) === askedId);
    const problems = place(checkRoomReply(askedId, room, { now: this.now(), read: sentValue, listed }), document);
    this.fromReply.set(askedId, problems);
    const fromList = this.fromList.get(askedId);
    if (fromList) {
      this.fromList.set(askedId, place(fromList, document));
    }
    this.changed.fire();
    return problems;
  }

  setDisabled(disabled: ReadonlySet<string>): void {
    this.disabled = disabled;
    this.changed.fire();
  }

  /** The room's problems: the list's first (deduplicated against the reply's), then the reply's. */
  forRoom(roomId: string): PlacedProblem[] {
    const fromReply = this.fromReply.get(roomId) ?? [];
    const replyKeys = new Set(fromReply.map(problemKey));
    const fromList = (this.fromList.get(roomId) ?? []).filter((problem) => !replyKeys.has(problemKey(problem)));
    return [...fromList, ...fromReply].filter((problem) => !this.disabled.has(problem.ruleId));
  }

  /** Every room with at least one problem a rule still enabled reports. */
  roomIds(): string[] {
    return [...new Set([...this.fromList.keys(), ...this.fromReply.keys()])].filter((id) => this.forRoom(id).length > 0);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function groupByRoom(problems: Problem[]): Map<string, Problem[]> {
  const byRoom = new Map<string, Problem[]>();
  for (const problem of problems) {
    const list = byRoom.get(problem.roomId);
    if (list) {
      list.push(problem);
    } else {
      byRoom.set(problem.roomId, [problem]);
    }
  }
  return byRoom;
}

function place(problems: readonly Problem[], document: RoomDocument): PlacedProblem[] {
  return problems.map((problem) => ({ ...problem, range: document.rangeOf(problem.location) }));
}

/** The same break found in the list and in the reply is one problem. */
function problemKey(problem: Problem): string {
  return `${problem.ruleId}|${JSON.stringify(problem.location)}`;
}
