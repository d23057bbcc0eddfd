import type { RtcMessage } from '../api/types';
import { checkMessage } from './messageValidation';
import { cutText } from '../shared/cutText';

/**
 * Reads a batch of messages from text a developer loaded (a JSON file or the clipboard).
 * Accepted shapes, so that what the tools around us produce can be fed back as is:
 * - `[{id, salt, data}, ...]`
 * - `{"data": [...]}`      (the body of the "add room messages" request)
 * - `{"messages": [...]}`  (a room as "Export JSON" or "get room" returns it)
 * The whole batch is checked before anything is sent: a half-valid file is reported, not
 * half-uploaded.
 */
export type BatchResult = { ok: true; messages: RtcMessage[] } | { ok: false; problems: string[]; total: number };

/** How many problems a report lists before "and N more". */
export const MAX_LISTED_PROBLEMS = 10;

export function parseMessageBatch(text: string): BatchResult {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') {
    return { ok: false, problems: ['It is empty. Expected a JSON array of {"id", "salt", "data"} objects.'], total: 0 };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    return { ok: false, problems: [`It is not valid JSON (${(error as Error).message}).`], total: 0 };
  }
  const items = itemsOf(parsed);
  if (!items) {
    return {
      ok: false,
      problems: ['Expected a JSON array of {"id", "salt", "data"} objects, or an object with a "messages" or "data" array.'],
      total: 0,
    };
  }
  if (items.length === 0) {
    return { ok: false, problems: ['The list of messages is empty.'], total: 0 };
  }
  return checkItems(items);
}

function itemsOf(parsed: unknown): unknown[] | undefined {
  if (Array.isArray(parsed)) {
    return parsed;
  }
  if (typeof parsed === 'object' && parsed !== null) {
    const record = parsed as Record<string, unknown>;
    for (const key of ['messages', 'data']) {
      if (Array.isArray(record[key])) {
        return record[key] as unknown[];
      }
    }
  }
  return undefined;
}

function checkItems(items: unknown[]): BatchResult {
  const problems: string[] = [];
  const messages: RtcMessage[] = [];
  const firstSeen = new Map<string, number>();
  for (let index = 0; index < items.length; index++) {
    const where = `item ${index + 1}`;
    const checked = checkMessage(items[index], where);
    if ('problems' in checked) {
      problems.push(...checked.problems);
      continue;
    }
    const earlier = firstSeen.get(checked.message.id);
    if (earlier !== undefined) {
      problems.push(`${where}: the id "${cutText(checked.message.id, 60)}" is already used by item ${earlier + 1}.`);
      continue;
    }
    firstSeen.set(checked.message.id, index);
    messages.push(checked.message);
  }
  return problems.length > 0 ? { ok: false, problems, total: items.length } : { ok: true, messages };
}

/** The problems as one readable block, listing the first few. */
export function describeBatchProblems(problems: string[], limit = MAX_LISTED_PROBLEMS): string {
  const listed = problems.slice(0, limit);
  const more = problems.length - listed.length;
  return more > 0 ? `${listed.join('\n')}\n…and ${more} more.` : listed.join('\n');
}
