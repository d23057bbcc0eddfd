import * as vscode from 'vscode';
import type { WorldClientRtcApi } from '../../../src/extension';
import type { RoomsNode } from '../../../src/rooms/roomsTreeProvider';
import { waitFor } from './fixtures';

export interface RenderedItem {
  node: RoomsNode;
  label: string;
  description: string;
  tooltip: string;
  icon: string;
  contextValue: string;
}

/** The tree as VS Code would render it: each node's label, description, tooltip and icon. */
export function renderChildren(api: WorldClientRtcApi, parent?: RoomsNode): RenderedItem[] {
  const provider = api.rooms.provider;
  return provider.getChildren(parent).map((node) => {
    const item = provider.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : (item.tooltip ?? '');
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '';
    return { node, label, description: String(item.description ?? ''), tooltip, icon, contextValue: item.contextValue ?? '' };
  });
}

export async function refreshRooms(api: WorldClientRtcApi): Promise<void> {
  await vscode.commands.executeCommand('worldclientRtc.refresh');
  await waitFor(() => !api.rooms.model.loading, 'the rooms refresh to finish');
}
