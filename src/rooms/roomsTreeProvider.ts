import * as vscode from 'vscode';
import type { RoomSummary } from '../api/types';
import { ROOM_CODICONS, roomDescription, roomIcon, roomTooltip, type RoomIcon, type TooltipPart } from './roomPresentation';
import { escapeMarkdownText } from './markdownText';
import { userRoomWords } from './roomPhrases';
import type { RoomsModel, VisibleGroup } from './roomsModel';
import type { RoomGroupKey } from '../core/rooms/roomsQuery';
import { CommandIds } from '../core/commandIds';
import { cutText } from '../shared/cutText';
import { visible, visibleId } from '../shared/inertText';

export type RoomsNode =
  | { kind: 'group'; key: RoomGroupKey; total: number }
  | { kind: 'room'; room: RoomSummary }
  | { kind: 'loadMore'; group: RoomGroupKey; remaining: number };

// Active rooms stand out in green; ended ones keep the neutral foreground (no error or warning colour).
const ACTIVE = new vscode.ThemeColor('charts.green');
const ICONS: Record<RoomIcon, vscode.ThemeIcon> = {
  'active-with-messages': new vscode.ThemeIcon(ROOM_CODICONS['active-with-messages'], ACTIVE),
  'active-empty': new vscode.ThemeIcon(ROOM_CODICONS['active-empty'], ACTIVE),
  'ended-with-messages': new vscode.ThemeIcon(ROOM_CODICONS['ended-with-messages']),
  'ended-empty': new vscode.ThemeIcon(ROOM_CODICONS['ended-empty']),
};

// Functions, so each label is looked up when drawn rather than when the module loads.
const GROUP_LABELS: Record<RoomGroupKey, () => string> = {
  all: () => vscode.l10n.t('Rooms'),
  active: () => vscode.l10n.t('Active'),
  ended: () => vscode.l10n.t('Ended'),
};
const ICON_WORDS: Record<RoomIcon, () => string> = {
  'active-with-messages': () => vscode.l10n.t('active with messages'),
  'active-empty': () => vscode.l10n.t('active empty'),
  'ended-with-messages': () => vscode.l10n.t('ended with messages'),
  'ended-empty': () => vscode.l10n.t('ended empty'),
};

/** What another feature adds to room items: a resourceUri for its FileDecorationProvider, tooltip lines. */
export interface RoomItemAnnotator {
  resourceUri(roomId: string): vscode.Uri;
  tooltip(roomId: string): TooltipPart[];
  /** What the badge on the item's resourceUri shows, for tests and accessibility. */
  decoration(roomId: string): vscode.FileDecoration | undefined;
  readonly onDidChange: vscode.Event<void>;
}

export class RoomsTreeProvider implements vscode.TreeDataProvider<RoomsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** In the order they were added: a room's badge is the first one that has one, the tooltip gets every one's lines. */
  private readonly annotators: RoomItemAnnotator[] = [];
  private firedVersion: number;
  private pendingRows: { rows: Promise<RoomsNode[]>; answer(rows: RoomsNode[]): void } | undefined;
  private handedOutVersion: number | undefined;
  private handOutTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether VS Code (or anyone) has asked for the rows: until then there is nothing on screen to redraw. */
  private asked = false;
  private readonly rowsHandedOut = new vscode.EventEmitter<void>();
  private readonly words = userRoomWords();
  readonly onDidChangeTreeData = this.changed.event;
  /** After VS Code has taken the first rows of a new list: work they need not wait for can start. */
  readonly onDidHandOutRows = this.rowsHandedOut.event;

  constructor(
    private readonly model: RoomsModel,
    private readonly now: () => number = Date.now,
  ) {
    // Only when the rooms changed: each tree refresh makes VS Code ask for every item again, and
    // one that follows within 200 ms of another is held back until that much quiet has passed.
    this.firedVersion = model.version;
    this.subscription = model.onDidChange(() => {
      if (this.pendingRows && !this.awaitingFirstList()) {
        // VS Code's question is still open: the rows go in its answer, no refresh round trip needed.
        const answer = this.pendingRows.answer;
        this.pendingRows = undefined;
        this.firedVersion = model.version;
        answer(this.rows());
      } else if (model.version !== this.firedVersion) {
        this.firedVersion = model.version;
        this.announce();
      }
    });
  }

  /**
   * Tells VS Code the rows changed, once it has asked for them and has its answer. News while its
   * question is open, or queued by its 200 ms debounce before it asked, makes the extension host
   * drop the answer and VS Code ask again a round trip later; an answer is built from what is current.
   */
  private announce(): void {
    if (this.asked && !this.pendingRows) {
      this.changed.fire();
    }
  }

  /**
   * While the first list is on its way, the answer for the top level waits for it, as a view that
   * fetches in getChildren would: VS Code then draws the rows as soon as they are in.
   */
  getChildren(parent?: RoomsNode): RoomsNode[] | Promise<RoomsNode[]> {
    this.asked = true;
    if (!parent && this.awaitingFirstList()) {
      this.pendingRows ??= (() => {
        let answer: (rows: RoomsNode[]) => void = () => undefined;
        const rows = new Promise<RoomsNode[]>((resolve) => (answer = resolve));
        return { rows, answer };
      })();
      return this.pendingRows.rows;
    }
    return this.rows(parent);
  }

  private awaitingFirstList(): boolean {
    return this.model.state === 'loading' && this.model.loading;
  }

  private rows(parent?: RoomsNode): RoomsNode[] {
    const groups = this.model.visibleGroups();
    if (!parent) {
      this.handOut(groups);
      if (groups.length === 1 && groups[0].key === 'all') {
        return this.pageNodes(groups[0].key);
      }
      return groups.filter((group) => group.total > 0).map((group) => ({ kind: 'group', key: group.key, total: group.total }));
    }
    return parent.kind === 'group' ? this.pageNodes(parent.key) : [];
  }

  /** Needed for reveal(): rooms and "Load more…" sit under their group when the tree is grouped. */
  getParent(node: RoomsNode): RoomsNode | undefined {
    if (node.kind === 'group') {
      return undefined;
    }
    const key =
      node.kind === 'loadMore'
        ? node.group
        : this.model.visibleGroups().find((group) => group.rooms.some((room) => room.id === node.room.id))?.key;
    const group = this.model.visibleGroups().find((candidate) => candidate.key === key);
    return group && group.key !== 'all' ? { kind: 'group', key: group.key, total: group.total } : undefined;
  }

  getTreeItem(node: RoomsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(GROUP_LABELS[node.key](), vscode.TreeItemCollapsibleState.Expanded);
        item.id = `group:${node.key}`;
        item.description = this.words.number(node.total);
        item.contextValue = 'roomGroup';
        return item;
      }
      case 'loadMore': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
        item.id = `loadMore:${node.group}`;
        item.description = vscode.l10n.t('{0} more', this.words.number(node.remaining));
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: CommandIds.loadMoreRooms, title: 'Load more rooms', arguments: [node.group] };
        item.contextValue = 'loadMore';
        return item;
      }
      case 'room':
        return this.roomItem(node.room);
    }
  }

  /**
   * The room's tooltip and its click, built when VS Code needs them (on hover; on click or Enter,
   * which VS Code resolves before it runs an item's command) rather than for every item of every
   * page before the first rows can be drawn: a command is a third of what each item costs to send.
   */
  resolveTreeItem(item: vscode.TreeItem, node: RoomsNode): vscode.TreeItem {
    if (node.kind === 'room' && !this.model.isDeleting(node.room.id)) {
      const added = this.annotators.flatMap((annotator) => annotator.tooltip(node.room.id));
      item.tooltip = toMarkdown([...roomTooltip(node.room, this.now()), ...added]);
      item.command = { command: CommandIds.openRoom, title: 'Open Room', arguments: [node] };
    }
    return item;
  }

  dispose(): void {
    clearTimeout(this.handOutTimer);
    this.pendingRows?.answer([]);
    this.subscription.dispose();
    this.changed.dispose();
    this.rowsHandedOut.dispose();
  }

  /** The first annotator (the contract checks', registered first): what the tests and benchmarks read its badges from. */
  get annotations(): RoomItemAnnotator | undefined {
    return this.annotators[0];
  }

  /** The annotator whose badge a room's item shows. */
  badgeOf(roomId: string): RoomItemAnnotator | undefined {
    return this.annotators.find((annotator) => annotator.decoration(roomId) !== undefined);
  }

  annotate(annotator: RoomItemAnnotator): vscode.Disposable {
    this.annotators.push(annotator);
    const subscription = annotator.onDidChange(() => this.announce());
    this.announce();
    return new vscode.Disposable(() => {
      subscription.dispose();
      this.annotators.splice(this.annotators.indexOf(annotator), 1);
    });
  }

  /**
   * Once per list with rooms, after the current task, in which VS Code builds the items (it sends
   * them on a timer of its own, set after this one). Not later, though that would let the reply
   * reach the window sooner (BENCHMARKS.md): the tree is redrawn with the badges this work brings,
   * and a redraw while the user already clicks a row or opens a menu of the view loses the click or
   * closes the menu.
   */
  private handOut(groups: readonly VisibleGroup[]): void {
    if (this.handedOutVersion !== this.model.version && groups.some((group) => group.rooms.length > 0)) {
      this.handedOutVersion = this.model.version;
      clearTimeout(this.handOutTimer);
      this.handOutTimer = setTimeout(() => this.rowsHandedOut.fire(), 0);
    }
  }

  private pageNodes(key: RoomGroupKey): RoomsNode[] {
    const group = this.model.visibleGroups().find((candidate) => candidate.key === key);
    if (!group) {
      return [];
    }
    // Every entry is shown, a room listed twice too (roomItem gives repeats ids of their own).
    const nodes: RoomsNode[] = group.rooms.map((room) => ({ kind: 'room', room }));
    if (group.remaining > 0) {
      nodes.push({ kind: 'loadMore', group: key, remaining: group.remaining });
    }
    return nodes;
  }

  private roomItem(room: RoomSummary): vscode.TreeItem {
    const now = this.now();
    // A label object keeps the id literal: no icon syntax or markdown is interpreted in it;
    // `visible` shows bidi controls and newlines, so one id cannot pass for another.
    const item = new vscode.TreeItem({ label: visible(displayId(room.id)) }, vscode.TreeItemCollapsibleState.None);
    // A server may list an id twice; tree item ids must be unique or the whole tree fails to
    // render. Repeats get their own prefix, which no first entry's id can produce.
    const occurrence = this.model.occurrenceOf(room);
    item.id = occurrence === 1 ? `room:${room.id}` : `duplicate:${occurrence}:${room.id}`;
    const icon = roomIcon(room, now);
    if (this.model.isDeleting(room.id)) {
      item.description = vscode.l10n.t('Deleting…');
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      item.contextValue = 'room;deleting';
      return item;
    }
    const description = roomDescription(room, now, this.words);
    item.description =
      occurrence === 1 ? description : vscode.l10n.t('⚠ listed again (#{0}) · {1}', this.words.number(occurrence), description);
    item.iconPath = ICONS[icon];
    // Only on a room with a badge: VS Code asks the decoration provider about every resourceUri it draws.
    item.resourceUri = this.badgeOf(room.id)?.resourceUri(room.id);
    item.contextValue = `room;${icon.startsWith('active') ? 'active' : 'ended'};${room.hasMessages ? 'withMessages' : 'empty'}`;
    const spoken = vscode.l10n.t('Room {0}, {1}, {2}', visibleId(room.id), item.description, ICON_WORDS[icon]());
    item.accessibilityInformation = { label: spoken };
    return item;
  }
}

/** Labels are one line; a huge id is cut for display (Copy Room Id still copies all of it). */
const LABEL_MAX_CHARS = 200;
function displayId(id: string): string {
  return cutText(id, LABEL_MAX_CHARS);
}

function toMarkdown(parts: ReturnType<typeof roomTooltip>): vscode.MarkdownString {
  // Theme icons for our own legend only: every server value went through escapeMarkdownText, which escapes "$(".
  const markdown = new vscode.MarkdownString('', true);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  for (const part of parts) {
    if ('text' in part) {
      markdown.appendMarkdown(escapeMarkdownText(visible(part.text)));
    } else {
      markdown.appendMarkdown(part.markdown);
    }
  }
  return markdown;
}
