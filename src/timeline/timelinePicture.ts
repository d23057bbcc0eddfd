import * as vscode from 'vscode';
import type { Ui } from '../core/prompts';
import type { AxisUnit } from '../shared/timelineAxis';
import type { PictureAction, TimelineBar, TimelineView } from '../shared/timelineProtocol';
import { timelineSvg } from './timelineSvg';

export interface PictureHost {
  ui: Ui;
}

export interface PictureRequest {
  action: PictureAction;
  view: TimelineView;
  /** The page's canvas as a PNG data URL ('' when the page sent none). */
  png: string;
  bars: readonly TimelineBar[];
  now: number;
  formatTick(at: number, unit: AxisUnit): string;
  offsetMs(at: number): number;
}

const PNG_PREFIX = 'data:image/png;base64,';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The page's PNG, decoded and checked to be one: the file gets a picture or nothing. */
export function pngBytes(dataUrl: string): Uint8Array {
  const bytes = dataUrl.startsWith(PNG_PREFIX) ? Buffer.from(dataUrl.slice(PNG_PREFIX.length), 'base64') : Buffer.alloc(0);
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((byte, index) => bytes[index] !== byte)) {
    throw new Error(vscode.l10n.t('The timeline could not be drawn as a PNG. Save it as SVG instead.'));
  }
  return bytes;
}

/** Copy as SVG (to the clipboard), or Save Picture… as PNG or SVG, as the file name the user picks ends. */
export async function savePicture(host: PictureHost, request: PictureRequest): Promise<void> {
  const svg = timelineSvg({ ...request, title: vscode.l10n.t('Rooms Timeline') });
  if (request.action === 'copySvg') {
    await vscode.env.clipboard.writeText(svg);
    void host.ui.showMessage('info', vscode.l10n.t('Copied the timeline as SVG.'), {});
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await host.ui.showSaveDialog({
    title: vscode.l10n.t('Save the timeline as a picture'),
    filters: { PNG: ['png'], SVG: ['svg'] },
    defaultUri: folder && vscode.Uri.joinPath(folder, 'rooms-timeline.png'),
  });
  if (!target) {
    return;
  }
  const bytes = target.path.toLowerCase().endsWith('.svg') ? new TextEncoder().encode(svg) : pngBytes(request.png);
  await vscode.workspace.fs.writeFile(target, bytes);
  void host.ui.showMessage('info', vscode.l10n.t('Saved the timeline to {0}.', target.fsPath), {});
}
