import * as vscode from 'vscode';
import { sentValue } from '../api/shapes';
import type { Room } from '../api/types';
import { RoomReplyCheck } from '../shared/contract/replyChecks';
import { RoomListCheck, roomIdOf } from '../shared/contract/roomChecks';
import { RULE_IDS, type Problem } from '../shared/contract/rules';
import { applyContract, EMPTY_CONTRACT, type Contract } from '../shared/contract/contractFile';
import { layoutRoomDocument, type RoomDocument, type TextRange } from '../shared/roomDocument';

/**
 * The list's rules run this long, then yield: other work of the extension host (the Rooms view's rows
 * on their way to the window) waits no longer. A count of rooms would not bound it while V8 has not compiled the checks yet.
 */
const LIST_SLICE_MS = 4;
/** Rooms checked between two looks at the clock. */
const LIST_CLOCK_EVERY = 50;
/** A room's messages checked between two yields: a few milliseconds' work, so a huge room never holds the host. */
const MESSAGE_SLICE = 10_000;

/** A problem placed in its room's JSON document. */
export interface PlacedProblem extends Problem {
  range: TextRange;
}

/** Which rooms' problems may have changed (undefined: any). */
export interface ProblemsChange {
  roomIds: readonly string[] | undefined;
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
  /** True while every rule is off: then the list is not even read. */
  private allOff = false;
  private listedById: Map<string, object> | undefined;
  private pendingSlice: ReturnType<typeof setTimeout> | undefined;
  /** The latest reply check of each room: an older one still running for the room is dropped. */
  private readonly replyRuns = new Map<string, object>();
  private readonly changed = new vscode.EventEmitter<ProblemsChange>();
  readonly onDidChange = this.changed.event;
  /** The team's contract file: its rules run with ours, its severities and suppressions apply when read. */
  private contract: Contract = EMPTY_CONTRACT;

  constructor(
    private disabled: ReadonlySet<string>,
    private readonly now: () => number = Date.now,
    /** Milliseconds, for the length of the list's slices. */
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.allOff = RULE_IDS.every((id) => disabled.has(id));
  }

  /**
   * Runs the list-level rules on a new list (the same array is not checked again). They run
   * in slices after the current task, so a refresh hands the Rooms view its first page first
   * and the badges follow a moment later.
   */
  setList(rooms: readonly object[], force = false): void {
    if (rooms === this.checkedList && !force) {
      return;
    }
    this.checkedList = rooms;
    this.listedById = undefined;
    clearTimeout(this.pendingSlice);
    if (this.allOff) {
      this.finishList(new Map(rooms.map((room) => [roomIdOf(room, sentValue), room])), []);
      return;
    }
    const check = new RoomListCheck({ now: this.now(), read: sentValue, custom: this.contract.custom });
    let next = 0;
    const slice = (): void => {
      const until = this.clock() + LIST_SLICE_MS;
      do {
        const end = Math.min(rooms.length, next + LIST_CLOCK_EVERY);
        check.checkSlice(rooms, next, end);
        next = end;
      } while (next < rooms.length && this.clock() < until);
      this.pendingSlice = next < rooms.length ? setTimeout(slice, 0) : undefined;
      if (next >= rooms.length) {
        this.finishList(check.firstRooms, check.problems);
      }
    };
    this.pendingSlice = setTimeout(slice, 0);
  }

  /**
   * Another server (or none): what was found on the last one no longer applies, even to a room of the
   * same id, and its checks still running are dropped. Without this a room's reply problems stayed
   * until that room was loaded again or left a list, which a quick list from the new server never
   * gave them the chance to.
   */
  forgetServer(): void {
    clearTimeout(this.pendingSlice);
    this.pendingSlice = undefined;
    this.checkedList = undefined;
    this.listedById = undefined;
    this.replyRuns.clear();
    const roomIds = [...new Set([...this.fromList.keys(), ...this.fromReply.keys()])];
    this.fromList.clear();
    this.fromReply.clear();
    if (roomIds.length > 0) {
      this.changed.fire({ roomIds });
    }
  }

  /** True until the last list's checks are in (tests and benchmarks wait for it). */
  get checkingList(): boolean {
    return this.pendingSlice !== undefined;
  }

  /** @param firstRooms every id listed, with the first room listed with it (its problems are placed in that one's document). */
  private finishList(firstRooms: ReadonlyMap<string, object>, found: Problem[]): void {
    const before = placedSignatures(this.fromList);
    this.fromList.clear();
    for (const [id, problems] of groupByRoom(found)) {
      const room = firstRooms.get(id);
      if (room) {
        // Fields only: the list has no messages, and the fields come first in the document.
        const document = layoutRoomDocument(room, (field) => sentValue(room, field), undefined);
        this.fromList.set(id, place(problems, document));
      }
    }
    const gone = [...this.fromReply.keys()].filter((id) => !firstRooms.has(id));
    gone.forEach((id) => this.fromReply.delete(id)); // The room is gone from the server.
    const roomIds = [...new Set([...before.keys(), ...this.fromList.keys(), ...gone])];
    // Every refresh checks the list again, mostly with the same findings: news of nothing would have
    // the Rooms view redrawn (VS Code asks for every row again) and the panels and Problems rewritten.
    const after = placedSignatures(this.fromList);
    if (gone.length > 0 || roomIds.some((id) => before.get(id) !== after.get(id))) {
      this.changed.fire({ roomIds });
    }
  }

  /**
   * Runs the rules on one room's reply, placed in its document; re-places the list's problems
   * there too. A room of many messages is checked in slices with yields between them; a newer
   * reply of the same room replaces a check still running.
   */
  async setReply(askedId: string, room: Room, layout: RoomDocument | (() => RoomDocument)): Promise<void> {
    const run = {};
    this.replyRuns.set(askedId, run);
    this.listedById ??= new Map((this.checkedList ?? []).map((entry) => [roomIdOf(entry, sentValue), entry]));
    const options = { now: this.now(), read: sentValue, listed: this.listedById.get(askedId), custom: this.contract.custom };
    const check = new RoomReplyCheck(askedId, room, options);
    for (let next = 0; next < room.messages.length; next += MESSAGE_SLICE) {
      if (next > 0) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (this.replyRuns.get(askedId) !== run) {
          return;
        }
      }
      check.checkMessages(next, Math.min(room.messages.length, next + MESSAGE_SLICE));
    }
    this.replyRuns.delete(askedId);
    const found = check.problems;
    const fromList = this.fromList.get(askedId);
    let document: RoomDocument | undefined;
    const problems = found.length > 0 || fromList ? place(found, (document = typeof layout === 'function' ? layout() : layout)) : [];
    this.fromReply.set(askedId, problems);
    if (fromList && document) {
      this.fromList.set(askedId, place(fromList, document));
    }
    this.changed.fire({ roomIds: [askedId] });
  }

  setDisabled(disabled: ReadonlySet<string>): void {
    const wasAllOff = this.allOff;
    this.disabled = disabled;
    this.allOff = RULE_IDS.every((id) => disabled.has(id));
    if (wasAllOff && !this.allOff && this.checkedList) {
      this.setList(this.checkedList, true); // Skipped while everything was off.
    } else {
      this.changed.fire({ roomIds: undefined });
    }
  }

  /**
   * A new contract file: severities and suppressions apply at once; its own rules run on the list
   * again now, and on each room's reply the next time it is loaded.
   */
  setContract(contract: Contract): void {
    const rulesChanged = contract.custom !== this.contract.custom && (contract.custom.length > 0 || this.contract.custom.length > 0);
    this.contract = contract;
    if (rulesChanged && this.checkedList && !this.allOff) {
      this.setList(this.checkedList, true);
    } else {
      this.changed.fire({ roomIds: undefined });
    }
  }

  /** The room's problems: the list's first (deduplicated against the reply's), then the reply's. */
  forRoom(roomId: string): PlacedProblem[] {
    const fromReply = this.fromReply.get(roomId) ?? [];
    const replyKeys = new Set(fromReply.map(problemKey));
    const fromList = (this.fromList.get(roomId) ?? []).filter((problem) => !replyKeys.has(problemKey(problem)));
    const enabled = [...fromList, ...fromReply].filter((problem) => !this.disabled.has(problem.ruleId));
    return applyContract(enabled, this.contract).kept as PlacedProblem[];
  }

  /** Every room with at least one problem a rule still enabled reports. */
  roomIds(): string[] {
    return [...new Set([...this.fromList.keys(), ...this.fromReply.keys()])].filter((id) => this.forRoom(id).length > 0);
  }

  dispose(): void {
    clearTimeout(this.pendingSlice);
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

/** Per room, what its problems are and where they are placed: a new check's, told from the last one's. */
function placedSignatures(byRoom: ReadonlyMap<string, readonly PlacedProblem[]>): Map<string, string> {
  return new Map([...byRoom].map(([roomId, placed]) => [roomId, JSON.stringify(placed)]));
}

/** The same break found in the list and in the reply is one problem. */
function problemKey(problem: Problem): string {
  return `${problem.ruleId}|${JSON.stringify(problem.location)}`;
}
