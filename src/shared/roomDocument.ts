import type { MessageField, ProblemLocation, RoomField } from './contract/rules';

/**
 * A room's read-only JSON document, laid out for diffs: the room's fields first, one per line
 * in the contract's order (then any extra fields the server sent), then one message per line
 * in server order. Because the layout is ours, the place of every field and message is known
 * without parsing, so diagnostics land exactly on what they are about.
 */
export interface RoomDocument {
  text: string;
  /** Where a problem's location is in `text`. */
  rangeOf(location: ProblemLocation): TextRange;
}

/** Zero-based line and character offsets (UTF-16), end exclusive, as in VS Code's Range. */
export interface TextRange {
  line: number;
  start: number;
  end: number;
}

const ROOM_FIELDS: readonly Exclude<RoomField, 'messages'>[] = ['id', 'started', 'ended', 'members', 'hasMessages'];
const MESSAGE_INDENT = '    ';

/**
 * `read(field)` gives a room field as the server sent it (undefined: missing, so no line);
 * `messages` is the server's list, or undefined when the reply had none.
 */
export function layoutRoomDocument(
  room: object,
  read: (field: string) => unknown,
  messages: readonly { id: string; salt: string; data: string }[] | undefined,
): RoomDocument {
  const lines: string[] = ['{'];
  const fieldRanges = new Map<string, TextRange>();
  const addField = (field: string, value: unknown, last: boolean): void => {
    const key = `  ${JSON.stringify(field)}: `;
    const valueText = JSON.stringify(value) ?? 'null';
    fieldRanges.set(field, { line: lines.length, start: key.length, end: key.length + valueText.length });
    lines.push(`${key}${valueText}${last ? '' : ','}`);
  };
  const present = ROOM_FIELDS.filter((field) => read(field) !== undefined);
  const extras = Object.keys(room).filter((key) => !(ROOM_FIELDS as readonly string[]).includes(key) && key !== 'messages');
  const fieldCount = present.length + extras.length;
  [...present, ...extras].forEach((field, index) => {
    addField(
      field,
      ROOM_FIELDS.includes(field as (typeof ROOM_FIELDS)[number]) ? read(field) : (room as Record<string, unknown>)[field],
      index === fieldCount - 1 && messages === undefined,
    );
  });
  const messagesLine = lines.length;
  const firstMessageLine = messagesLine + 1;
  if (messages !== undefined) {
    if (messages.length === 0) {
      lines.push('  "messages": []');
    } else {
      lines.push('  "messages": [');
      messages.forEach((message, index) =>
        lines.push(`${MESSAGE_INDENT}${messageLine(message)}${index === messages.length - 1 ? '' : ','}`),
      );
      lines.push('  ]');
    }
  }
  lines.push('}');
  const whole = (line: number): TextRange => ({ line, start: 0, end: lines[line].length });
  return {
    text: lines.join('\n') + '\n',
    rangeOf(location) {
      if (location.kind === 'room') {
        if (location.field === 'messages') {
          return messages === undefined ? whole(0) : { line: messagesLine, start: 2, end: 12 };
        }
        return fieldRanges.get(location.field) ?? whole(0);
      }
      const message = messages?.[location.index];
      if (!message) {
        return whole(0);
      }
      return messageFieldRange(message, location.field, firstMessageLine + location.index);
    },
  };
}

/** How a message after the first starts in a comparison: the comma leads, as wide as the indent, so ranges stay put. */
const LEADING_COMMA = '  , ';

/** True for a line that holds one message in a room document's layout (or a comparison's). */
export function isMessageLine(line: string): boolean {
  return line.startsWith(`${MESSAGE_INDENT}{"id": `) || line.startsWith(`${LEADING_COMMA}{"id": `);
}

/**
 * The layout for Compare: each message after the first starts with its comma, so a message added
 * at the end is one added line and the line before it does not change. A trailing comma would do
 * the same, but VS Code's JSON with Comments reports it as a problem; this is valid JSON.
 */
export function withLeadingCommas(text: string): string {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (!lines[index].startsWith(`${MESSAGE_INDENT}{"id": `)) {
      continue;
    }
    lines[index] = lines[index].replace(/,$/, '');
    if (index > 0 && isMessageLine(lines[index - 1])) {
      lines[index] = LEADING_COMMA + lines[index].slice(MESSAGE_INDENT.length);
    }
  }
  return lines.join('\n');
}

/** `{"id": "…", "salt": "…", "data": "…"}`: key order fixed, so a diff lines messages up. */
function messageLine(message: { id: string; salt: string; data: string }): string {
  return `{"id": ${JSON.stringify(message.id)}, "salt": ${JSON.stringify(message.salt)}, "data": ${JSON.stringify(message.data)}}`;
}

function messageFieldRange(message: { id: string; salt: string; data: string }, field: MessageField, line: number): TextRange {
  const id = JSON.stringify(message.id);
  const salt = JSON.stringify(message.salt);
  const data = JSON.stringify(message.data);
  const idStart = MESSAGE_INDENT.length + '{"id": '.length;
  const saltStart = idStart + id.length + ', "salt": '.length;
  const dataStart = saltStart + salt.length + ', "data": '.length;
  const starts = { id: [idStart, id.length], salt: [saltStart, salt.length], data: [dataStart, data.length] } as const;
  const [start, length] = starts[field];
  return { line, start, end: start + length };
}
