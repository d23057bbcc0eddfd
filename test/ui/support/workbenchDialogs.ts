import type { Locator, Page } from 'playwright-core';
import { runCommand } from './uiWorkbench';

/**
 * VS Code's own modal dialog (a DOM element, not a browser alert). It only ever appears when the
 * workbench runs without --enable-smoke-test-driver, as startUiWorkbench starts it.
 */
export function workbenchDialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}

/** Waits for the dialog whose message matches, and returns its message and detail text. */
export async function readDialog(page: Page, message: RegExp): Promise<{ message: string; detail: string }> {
  const dialog = workbenchDialog(page).filter({ has: page.locator('.dialog-message-text', { hasText: message }) });
  await dialog.waitFor({ timeout: 60_000 });
  return {
    message: (await dialog.locator('.dialog-message-text').innerText()).trim(),
    detail: (
      await dialog
        .locator('.dialog-message-detail')
        .innerText()
        .catch(() => '')
    ).trim(),
  };
}

/** Clicks a button of the open dialog by its label, then waits for the dialog to close. */
export async function clickDialogButton(page: Page, label: string): Promise<void> {
  const dialog = workbenchDialog(page);
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: new RegExp(`^\\s*${label}\\s*$`) }).click();
  await dialog.waitFor({ state: 'detached', timeout: 10_000 });
}

/** The notification toast whose message matches (VS Code renders toasts in the bottom-right corner). */
export function notificationToast(page: Page, message: RegExp): Locator {
  return page
    .locator('.notification-toast-container .notification-list-item', {
      has: page.locator('.notification-list-item-message', { hasText: message }),
    })
    .first();
}

/**
 * Waits for a notification and returns it: as a toast, or else in the notification centre,
 * which it opens (VS Code 1.139 may hide a toast early, or keep it out of sight, e.g. while a
 * progress toast is shown).
 */
export async function findNotification(page: Page, message: RegExp, timeoutMs = 60_000): Promise<Locator> {
  const toast = notificationToast(page, message);
  const inCentre = page
    .locator('.notifications-center .notification-list-item', {
      has: page.locator('.notification-list-item-message', { hasText: message }),
    })
    .first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await toast.isVisible()) {
      return toast;
    }
    if (!(await page.locator('.notifications-center.visible').isVisible())) {
      await runCommand(page, 'Notifications: Show Notifications');
    }
    try {
      await inCentre.waitFor({ timeout: 3_000 });
      return inCentre;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
    }
  }
}

/** Clicks a button of a notification, e.g. "Undo", wherever it shows. */
export async function clickToastButton(page: Page, message: RegExp, label: string): Promise<void> {
  const notification = await findNotification(page, message);
  await notification.locator('.monaco-button', { hasText: label }).click();
}

/**
 * Right-clicks `row` and picks `label` from its context menu. Retries until the menu has closed
 * on the choice: a tree that re-renders (a refresh right after sign-in) closes a menu that opened
 * a moment earlier.
 */
export async function contextMenuAction(page: Page, row: Locator, label: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const item = page.locator('.context-view .monaco-menu .action-label', { hasText: label });
  for (;;) {
    try {
      await row.click({ button: 'right' });
      await item.waitFor({ timeout: 3_000 });
      // Hover and Enter rather than a click: the menu ignores a mouse-up that comes too soon after it opened.
      await item.hover({ timeout: 3_000 });
      await page.keyboard.press('Enter');
      await page.locator('.context-view .monaco-menu').waitFor({ state: 'detached', timeout: 3_000 });
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) {
        throw error;
      }
    }
  }
}
