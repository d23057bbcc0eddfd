import type { TimelineBar, TimelineLabels } from '../../shared/timelineProtocol';

/**
 * A bar's fields as lines of text, for the hover and (joined) for the screen reader: the id, the
 * times in the user's locale and time zone (the raw value where it is not a date), the members,
 * the recorded arrivals and the contract problems.
 */
export function barLines(bar: TimelineBar, labels: TimelineLabels, formatDate: (at: number) => string): string[] {
  const started = bar.start !== null ? formatDate(bar.start) : `${bar.started} (${labels.notADate})`;
  const ended = bar.ended === '' ? labels.stillOpen : bar.end !== null ? formatDate(bar.end) : `${bar.ended} (${labels.notADate})`;
  const lines = [bar.label, `${labels.started}: ${started}`, `${labels.ended}: ${ended}`, `${labels.members}: ${bar.members}`];
  if (bar.ticks.length > 0) {
    lines.push(`${labels.messages}: ${bar.ticks.length}`);
  } else if (!bar.hasMessages) {
    lines.push(labels.noMessages);
  }
  if (bar.problems !== '') {
    lines.push(`${labels.problems}: ${bar.problems}`);
  }
  return lines;
}
