import * as vscode from 'vscode';
import type { WorldClientRtcApi } from '../../../src/testSeams';
import type { RoomsNode } from '../../../src/rooms/roomsTreeProvider';
import { waitFor } from './fixtures';

export interface RenderedItem {
  node: RoomsNode;
  label: string;
  description: string;
  tooltip: string;
  icon: string;
  /** The icon's theme colour id, '' for the default foreground. */
  iconColor: string;
  contextValue: string;
}

/** The tree as VS Code would render it: each node's label, description, tooltip (as a hover resolves it) and icon. */
export function renderChildren(api: WorldClientRtcApi, parent?: RoomsNode): RenderedItem[] {
  const provider = api.rooms.provider;
  const nodes = provider.getChildren(parent);
  // Still waiting for its first list: VS Code shows no rows yet.
  return (Array.isArray(nodes) ? nodes : []).map((node) => {
    const item = provider.resolveTreeItem(provider.getTreeItem(node), node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : (item.tooltip ?? '');
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '';
    const iconColor = item.iconPath instanceof vscode.ThemeIcon ? (item.iconPath.color?.id ?? '') : '';
    return { node, label, description: String(item.description ?? ''), tooltip, icon, iconColor, contextValue: item.contextValue ?? '' };
  });
}

export async function refreshRooms(api: WorldClientRtcApi): Promise<void> {
  await vscode.commands.executeCommand('worldclientRtc.refresh');
  await waitFor(() => !api.rooms.model.loading, 'the rooms refresh to finish');
}
