import * as vscode from 'vscode';
import type { TimelineLabels } from '../shared/timelineProtocol';

/** Every word the timeline page shows, in the user's language. */
export function timelineLabels(): TimelineLabels {
  return {
    title: vscode.l10n.t('Rooms Timeline'),
    empty: vscode.l10n.t('No rooms to show. The Rooms view lists none, or its filter lets none through.'),
    zoomIn: vscode.l10n.t('Zoom In (+)'),
    zoomOut: vscode.l10n.t('Zoom Out (-)'),
    fit: vscode.l10n.t('Fit All (0)'),
    copySvg: vscode.l10n.t('Copy as SVG'),
    save: vscode.l10n.t('Save Picture…'),
    started: vscode.l10n.t('Started'),
    ended: vscode.l10n.t('Ended'),
    stillOpen: vscode.l10n.t('still open'),
    members: vscode.l10n.t('Members'),
    messages: vscode.l10n.t('Recorded message arrivals'),
    noMessages: vscode.l10n.t('no messages'),
    problems: vscode.l10n.t('Contract problems'),
    notADate: vscode.l10n.t('not a date'),
    canvas: vscode.l10n.t('Rooms Timeline: one bar per room, from started to ended.'),
    keys: vscode.l10n.t(
      'Up and Down move between rooms, Enter opens the room, plus and minus zoom, Left and Right pan (with Shift, further), 0 fits all.',
    ),
  };
}
