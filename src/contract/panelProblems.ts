import { MAX_PANEL_PROBLEMS, type ProblemsMessage } from '../shared/protocol';
import type { PlacedProblem } from './contractProblems';

/** The room panel's share of a room's problems: the room's own for its header, the messages' by index, each list capped. */
export function panelProblems(problems: readonly PlacedProblem[]): ProblemsMessage {
  const room: ProblemsMessage['room'] = [];
  const messages: ProblemsMessage['messages'] = [];
  for (const { ruleId, message, location } of problems) {
    if (location.kind === 'room' && room.length < MAX_PANEL_PROBLEMS) {
      room.push({ ruleId, message });
    } else if (location.kind === 'message' && messages.length < MAX_PANEL_PROBLEMS) {
      messages.push({ index: location.index, ruleId, message });
    }
  }
  return { type: 'problems', room, messages };
}
