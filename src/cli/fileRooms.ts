import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { checkRoomReply, type RoomReply } from '../shared/contract/replyChecks';
import { checkRoomList, roomIdOf } from '../shared/contract/roomChecks';
import type { CustomRule } from '../shared/contract/contractFile';
import type { Problem } from '../shared/contract/rules';
import { mergeListAndReply, type FilePlace, type Finding } from './findings';

/** A file the checker cannot read as rooms: the run stops with exit code 2. */
export class FileShapeError extends Error {}

/**
 * The rules on the rooms of one file in the extension's export format (or a bare array of
 * rooms, or one room): the list's rules over the file's rooms, each room's rules as a reply
 * to its own id. Each finding is placed at its field's value in the file (line and column).
 */
export function checkFileRooms(
  path: string,
  text: string,
  options: { now: number; custom: readonly CustomRule[] },
): {
  roomIds: string[];
  findings: Finding[];
} {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new FileShapeError(`${path} is not valid JSON (${(error as Error).message}).`);
  }
  const tree = parseTree(text);
  const [rooms, roomNodes] = roomsOf(parsed, tree, path);
  rooms.forEach((room, index) => checkShape(room, `${path}: rooms[${index}]`));
  const listProblems = checkRoomList(rooms, { now: options.now, custom: options.custom });
  const lines = lineStarts(text);
  const roomIds: string[] = [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  rooms.forEach((room, index) => {
    const roomId = roomIdOf(room);
    const fromList = seen.has(roomId) ? [] : listProblems.filter((problem) => problem.roomId === roomId);
    seen.add(roomId);
    roomIds.push(roomId);
    // Checked as the client reads a reply: no messages is an empty list, and room/messages-missing still sees it missing.
    const record = room as Record<string, unknown>;
    const reply = { ...record, messages: record.messages ?? [] } as RoomReply & object;
    const fromReply = checkRoomReply(roomId, reply, { ...options, read: (_object, field) => record[field] });
    const problems = mergeListAndReply(fromList, fromReply);
    findings.push(...problems.map((problem) => ({ ...problem, file: place(problem, roomNodes[index], lines, path) })));
  });
  return { roomIds: [...new Set(roomIds)], findings };
}

/** The rooms a file holds, and the node of each in its syntax tree: an export file, an array of rooms, or one room. */
function roomsOf(parsed: unknown, tree: Node | undefined, path: string): [object[], (Node | undefined)[]] {
  if (Array.isArray(parsed)) {
    return [parsed as object[], tree?.children ?? []];
  }
  if (isRecord(parsed) && Array.isArray(parsed.rooms)) {
    return [parsed.rooms as object[], (tree && findNodeAtLocation(tree, ['rooms'])?.children) ?? []];
  }
  if (isRecord(parsed) && ('id' in parsed || 'room_id' in parsed)) {
    return [[parsed], [tree]];
  }
  throw new FileShapeError(`${path} holds no rooms: expected an export file, an array of rooms, or one room object.`);
}

/** The checks read messages as strings: anything else is a file they cannot check, named where it is. */
function checkShape(room: unknown, where: string): void {
  if (!isRecord(room)) {
    throw new FileShapeError(`${where} is not a room object.`);
  }
  const messages = room.messages ?? [];
  if (!Array.isArray(messages)) {
    throw new FileShapeError(`${where}.messages is not an array.`);
  }
  messages.forEach((message: unknown, index) => {
    if (!isRecord(message) || typeof message.id !== 'string' || typeof message.salt !== 'string' || typeof message.data !== 'string') {
      throw new FileShapeError(`${where}.messages[${index}] must have string "id", "salt" and "data".`);
    }
  });
}

function place(problem: Problem, roomNode: Node | undefined, lines: readonly number[], path: string): FilePlace {
  const location = problem.location;
  const steps = location.kind === 'room' ? [location.field] : ['messages', location.index, location.field];
  const node = (roomNode && findNodeAtLocation(roomNode, steps)) ?? roomNode;
  const start = position(lines, node?.offset ?? 0);
  // A missing field is shown at the room's opening brace.
  const end = node && node !== roomNode ? position(lines, node.offset + node.length) : { line: start.line, column: start.column + 1 };
  return { path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return starts;
}

/** 1-based line and column (UTF-16 code units) of an offset: a binary search over the line starts. */
function position(lines: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lines[middle] <= offset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return { line: low + 1, column: offset - lines[low] + 1 };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
