// No vscode import: unit-tested on its own.

/** Names Windows refuses for a file, whatever the extension: CON.json is still CON. */
const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Longest base name offered (the ".json" comes on top), well inside every file system's limit. */
export const EXPORT_NAME_MAX_CHARS = 100;

/**
 * The file name the Export save dialog proposes: the room's id made safe on every system (no
 * `<>:"/\|?*`, no control characters, no trailing dot or space, no reserved device name, at
 * most ~100 characters), or "rooms.json" for several rooms.
 */
export function exportFileName(roomIds: readonly string[]): string {
  if (roomIds.length !== 1) {
    return 'rooms.json';
  }
  let base = roomIds[0].replace(/[<>:"/\\|?*\u0000-\u001f\u007f]+/g, '_').replace(/\s+/g, ' ').trim();
  base = [...base].slice(0, EXPORT_NAME_MAX_CHARS).join('').replace(/[. ]+$/, '');
  if (!base || /^[._ ]+$/.test(base)) {
    return 'room.json';
  }
  // Windows also reserves "CON.txt" and "con .json": what counts is the part before the first dot.
  const stem = base.split('.')[0].trim();
  return RESERVED_WINDOWS_NAMES.test(stem) ? `room-${base}.json` : `${base}.json`;
}
