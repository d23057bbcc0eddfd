import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  openRoom,
  roomsViewPane,
  roomsViewRow,
  runCommand,
  screenshot,
  signIn,
  startUiWorkbench,
  type UiWorkbench,
} from './support/uiWorkbench';
import {
  clickDialogButton,
  clickToastButton,
  contextMenuAction,
  findNotification,
  notificationToast,
  readDialog,
} from './support/workbenchDialogs';

/**
 * The workbench runs the way `npm start` serves it (no --enable-smoke-test-driver), so VS Code's
 * modal dialogs are real: a person confirms, reads and closes them here, with clicks.
 */
describe('Real dialogs in the browser (the npm start workbench)', function () {
  this.timeout(300_000);
  let ui: UiWorkbench;
  let importFile: string;

  before(async () => {
    ui = await startUiWorkbench({ sample: true });
    await runCommand(ui.page, 'WorldClient RTC: Focus on Rooms View');
    // Signed out, the view shows its welcome buttons (a view message would hide them).
    const welcome = roomsViewPane(ui.page).locator('.welcome-view-content');
    await welcome.locator('.monaco-button', { hasText: 'Sign In' }).waitFor({ timeout: 60_000 });
    await welcome.locator('.monaco-button', { hasText: 'Switch Server' }).waitFor();
    await screenshot(ui.page, 'rooms-view-signed-out');
    await signIn(ui);
    // Signed in, the count is on the view's first line, visible even though the container holds one view.
    await roomsViewPane(ui.page)
      .locator('.message', { hasText: /^\s*12 rooms on 127\.0\.0\.1:\d+\s*$/ })
      .waitFor({ timeout: 30_000 });
    importFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-import-')), 'rooms.json');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(ui.page, `real-dialogs-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`);
    }
  });

  after(async () => {
    await ui?.close();
    if (importFile) {
      fs.rmSync(path.dirname(importFile), { recursive: true, force: true });
    }
  });

  it('confirms a delete in the modal dialog, then Undo in the notification puts the room back', async () => {
    const before = structuredClone(ui.sandbox.store.get('incident-4711'));
    assert.ok(before, 'the sample has incident-4711');
    await contextMenuAction(ui.page, roomsViewRow(ui.page, 'incident-4711'), 'Delete Room…');
    const confirmation = await readDialog(ui.page, /Delete the room “incident-4711”/);
    assert.match(confirmation.detail, /A copy is kept for 7 days/);
    await screenshot(ui.page, 'real-dialog-delete-confirmation');
    await clickDialogButton(ui.page, 'Delete');

    // The progress toast leaves after the result appears; the list moves when it goes.
    await notificationToast(ui.page, /^Deleting “incident-4711”/).waitFor({ state: 'detached', timeout: 30_000 });
    await findNotification(ui.page, /Deleted room “incident-4711”/);
    assert.equal(ui.sandbox.store.get('incident-4711'), undefined, 'the room is gone from the server');
    await screenshot(ui.page, 'real-dialog-delete-undo-toast');
    await clickToastButton(ui.page, /Deleted room “incident-4711”/, 'Undo');
    await findNotification(ui.page, /Restored room “incident-4711”/);
    assert.deepEqual(ui.sandbox.store.get('incident-4711'), before, 'room and messages are back');
    await roomsViewRow(ui.page, 'incident-4711').waitFor({ timeout: 30_000 });
  });

  it("a deleted room's panel names its server, says the room was deleted, and its Undo button puts the room back", async () => {
    const before = structuredClone(ui.sandbox.store.get('one-on-one'));
    assert.ok(before, 'the sample has one-on-one');
    const frame = await openRoom(ui, 'one-on-one');
    await frame.locator('.fact-server', { hasText: ui.sandbox.url }).waitFor({ timeout: 30_000 });
    await contextMenuAction(ui.page, roomsViewRow(ui.page, 'one-on-one'), 'Delete Room…');
    await readDialog(ui.page, /Delete the room “one-on-one”/);
    await clickDialogButton(ui.page, 'Delete');
    const undo = frame.locator('.banner .remedy-undoDelete');
    await undo.waitFor({ timeout: 30_000 });
    assert.match(await frame.locator('.banner-text').innerText(), /^Room "one-on-one" was deleted from .*\. Undo puts it back/);
    await screenshot(ui.page, 'room-panel-deleted-undo');
    await undo.click();
    await findNotification(ui.page, /Restored room “one-on-one”/);
    assert.deepEqual(ui.sandbox.store.get('one-on-one'), before, 'room and messages are back');
    await frame.locator('.banner').waitFor({ state: 'hidden', timeout: 30_000 });
  });

  it('Restore Deleted Room…: Enter on the highlighted entry with nothing ticked restores it, and says which', async () => {
    await contextMenuAction(ui.page, roomsViewRow(ui.page, 'one-on-one'), 'Delete Room…');
    await readDialog(ui.page, /Delete the room “one-on-one”/);
    await clickDialogButton(ui.page, 'Delete');
    await findNotification(ui.page, /Deleted room “one-on-one”/);
    await runCommand(ui.page, 'WorldClient RTC: Restore Deleted Room…');
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Restore deleted rooms and messages' }).waitFor();
    const input = ui.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('one-on-one');
    await ui.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'one-on-one' }).first().waitFor();
    await ui.page.keyboard.press('ArrowDown');
    await ui.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'one-on-one' }).waitFor();
    await screenshot(ui.page, 'restore-deleted-highlighted');
    await ui.page.keyboard.press('Enter');
    await findNotification(ui.page, /Restored “one-on-one”\./);
    assert.ok(ui.sandbox.store.get('one-on-one'), 'the room is back on the server');
  });

  it("a refused delete names the server URL as configured, then the server's answer and the next step, with Show Log", async () => {
    ui.sandbox.addFault({ kind: 'status', status: 403, errorName: 'Forbidden', method: 'DELETE', roomId: 'weekly-standup', times: 1 });
    await contextMenuAction(ui.page, roomsViewRow(ui.page, 'weekly-standup'), 'Delete Room…');
    const confirmation = await readDialog(ui.page, /Delete the room “weekly-standup”/);
    assert.match(confirmation.detail, /^Server: http:\/\/127\.0\.0\.1:\d+\n/, 'the URL reads, and copies, as configured');
    await clickDialogButton(ui.page, 'Delete');
    const refused = await findNotification(ui.page, /could not be deleted/);
    const text = await refused.locator('.notification-list-item-message').innerText();
    // The workbench signed in with a pasted session and no CSRF token: the message says which is missing.
    assert.match(
      text,
      /the CSRF token is missing .*\(403 Forbidden\)\. Paste the CSRF token with the session, or sign in with the password/,
    );
    await refused.locator('.monaco-button', { hasText: 'Show Log' }).waitFor();
    await screenshot(ui.page, 'refused-write');
    assert.ok(ui.sandbox.store.get('weekly-standup'), 'the room is unchanged');
  });

  it('shows the Test Connection report in a dialog', async () => {
    await runCommand(ui.page, 'WorldClient RTC: Test Connection');
    const report = await readDialog(ui.page, /^Connection to http:\/\/127\.0\.0\.1:/);
    assert.match(report.detail, /✓ Reachable: server version/);
    assert.match(report.detail, /✓ Session: valid/);
    assert.match(report.detail, /✓ RTC \(path style\): works/);
    assert.match(report.detail, /✓ RTC \(query style\): works/);
    await screenshot(ui.page, 'real-dialog-test-connection');
    await clickDialogButton(ui.page, 'OK');
  });

  it('imports rooms through the file dialog and shows the report naming what was skipped', async () => {
    const existing = ui.sandbox.store.get('weekly-standup');
    assert.ok(existing);
    const newRoom = {
      id: 'imported-in-the-browser',
      members: 'ann@example.com,bob@example.com',
      started: '2026-11-24T10:00:00Z',
      ended: '',
      messages: [],
    };
    fs.writeFileSync(importFile, JSON.stringify([newRoom, { ...existing }], null, 2));
    await runCommand(ui.page, 'WorldClient RTC: Import Rooms…');
    // Code-server's open dialog is VS Code's "simple" file dialog: a quick input holding a path.
    const pathInput = ui.page.locator('.quick-input-widget .quick-input-box input');
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Import rooms' }).waitFor({ timeout: 30_000 });
    // The dialog fills in its start folder once it has listed it; typing before that gets mixed in.
    await ui.page.locator('.quick-input-widget .monaco-list-row', { hasText: '..' }).first().waitFor({ timeout: 30_000 });
    await pathInput.fill(importFile);
    await ui.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'rooms.json' }).first().waitFor({ timeout: 10_000 });
    await pathInput.press('Enter');
    // The server has one of the rooms: asked once what to do with it.
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: /“weekly-standup” already exists on http/ }).waitFor();
    await screenshot(ui.page, 'real-dialog-import-conflict');
    await ui.page.locator('.quick-input-widget .monaco-list-row', { hasText: /^Skip/ }).click();
    const report = await readDialog(ui.page, /^Imported 1 room, skipped 1\./);
    assert.match(report.detail, /Skipped “weekly-standup”: a room with this id already exists/);
    await screenshot(ui.page, 'real-dialog-import-report');
    await clickDialogButton(ui.page, 'OK');
    assert.ok(ui.sandbox.store.get('imported-in-the-browser'), 'the new room reached the server');
  });

  it('offers Export Rooms… in the Rooms view\'s "…" menu', async () => {
    await runCommand(ui.page, 'WorldClient RTC: Focus on Rooms View');
    await roomsViewRow(ui.page, 'weekly-standup').waitFor({ timeout: 30_000 });
    await ui.page.locator('.part.sidebar .title-actions [aria-label*="More Actions"]').first().click();
    const item = ui.page.locator('.context-view .monaco-menu .action-label', { hasText: 'Export Rooms…' });
    await item.waitFor({ timeout: 10_000 });
    await screenshot(ui.page, 'rooms-view-more-actions-menu');
    // Hover and Enter rather than a click: the menu ignores a mouse-up that comes too soon after it opened.
    await item.hover();
    await ui.page.keyboard.press('Enter');
    await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Export room' }).waitFor({ timeout: 30_000 });
    await ui.page.keyboard.press('Escape');
  });
});
