import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { launchOfflineWorkbench, type OfflineWorkbench } from '../../runner/offlineWorkbench';
import { offlineVersionsFromEnv } from '../../runner/options';
import { repoRoot } from '../../runner/workspace';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox, type SeedOptions } from '../../sandbox/server';
import type { StoredRoom } from '../../sandbox/types';
import type { BrowserDocument } from './browserTypes';

declare const document: BrowserDocument & { documentElement: { dataset: Record<string, string | undefined> } };
declare function getComputedStyle(element: unknown): { backgroundColor: string };

export type ThemeName = 'light' | 'dark' | 'highContrast';

const THEMES: Record<ThemeName, { setting: string; label: string; bodyClass: string }> = {
  light: { setting: 'Default Light Modern', label: 'Light Modern', bodyClass: 'vs' },
  dark: { setting: 'Default Dark Modern', label: 'Dark Modern', bodyClass: 'vs-dark' },
  highContrast: { setting: 'Default High Contrast', label: 'Dark High Contrast', bodyClass: 'hc-black' },
};

/**
 * One offline workbench (code-server's VS Code in headless Chromium) with the extension loaded,
 * pointed at a sandbox server in this process, driven the way a person would: the command
 * palette, quick inputs, and the room panel's own page inside the webview iframes.
 */
export interface UiWorkbench {
  readonly page: Page;
  readonly sandbox: Sandbox;
  readonly workbench: OfflineWorkbench;
  /** Dialogs (alert/confirm/prompt) any frame tried to open: hostile payloads must never cause one. */
  readonly dialogs: string[];
  setTheme(theme: ThemeName): Promise<void>;
  close(): Promise<void>;
}

/** For suites that need more than the usual workbench. */
export interface UiWorkbenchOptions {
  /** Replace or add folder settings (e.g. an unusable `worldclientRtc.serverUrl` already set at startup). */
  settings?: Record<string, unknown>;
  /** Install this VSIX (then our extension runs as a user's does, in Production mode)… */
  installVsix?: string | readonly string[];
  /** …and load this folder in development mode instead of the repository (the web workbench loads only one). */
  extensionDevelopmentPath?: string;
  /** Added to the extension host's environment (a function: given the sandbox, e.g. its URL for a benchmark's floor). */
  env?: Record<string, string> | ((sandbox: Sandbox) => Record<string, string>);
}

export async function startUiWorkbench(
  seed: SeedOptions,
  version = offlineVersionsFromEnv()[0],
  options: UiWorkbenchOptions = {},
): Promise<UiWorkbench> {
  const sandbox = await startSandbox({ seed });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wcrtc-ui-'));
  const settingsFile = path.join(folder, '.vscode', 'settings.json');
  const writeSettings = (theme: ThemeName): void => {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    const settings = {
      'worldclientRtc.serverUrl': sandbox.url,
      'workbench.colorTheme': THEMES[theme].setting,
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'git.openRepositoryInParentFolders': 'never',
      ...options.settings,
    };
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  };
  writeSettings('dark');
  let workbench: OfflineWorkbench | undefined;
  try {
    workbench = await launchOfflineWorkbench({
      version,
      workspaceFolder: folder,
      extensionDevelopmentPath: options.extensionDevelopmentPath ?? repoRoot,
      installVsix: options.installVsix,
      env: typeof options.env === 'function' ? options.env(sandbox) : options.env,
      onLog: () => undefined,
    });
    const page = workbench.page;
    if (!page) {
      throw new Error('the offline workbench started without a browser page');
    }
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 120_000 });
    const opened = workbench;
    return {
      page,
      sandbox,
      workbench: opened,
      dialogs,
      // Through the theme picker, as a person switches: file-watched settings changes proved flaky here.
      async setTheme(theme) {
        await runCommand(page, 'Preferences: Color Theme');
        const picker = page.locator('.quick-input-widget');
        const themeInput = picker.locator('.quick-input-box input[placeholder*="Color Theme"]');
        await themeInput.waitFor({ timeout: 30_000 });
        await themeInput.fill(THEMES[theme].label);
        await picker.locator('.monaco-list-row', { hasText: THEMES[theme].label }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        await page.waitForFunction(
          (cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls) === true,
          THEMES[theme].bodyClass,
          { timeout: 30_000 },
        );
      },
      async close() {
        await opened.close();
        await sandbox.stop();
        fs.rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await workbench?.close();
    await sandbox.stop();
    throw error;
  }
}

/** Waits until the quick input shows `title` (a quick pick or an input box), then types and accepts. */
export async function answerQuickInput(page: Page, title: RegExp | string, text: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ timeout: 30_000 });
  const input = widget.locator('.quick-input-box input');
  await input.fill(text);
  // A quick pick filters asynchronously: Enter goes once the focused item is one that matches
  // what was typed (an input box has no list to wait for).
  const list = widget.locator('.quick-input-list');
  if (await list.isVisible()) {
    await list.locator('.monaco-list-row.focused', { hasText: text }).first().waitFor({ timeout: 10_000 });
  }
  await input.press('Enter');
}

/** Runs a command from the palette. Retries while the workbench is still starting up (early keys are lost). */
export async function runCommand(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // The row whose label starts with the title (a keybinding may follow), not merely the first fuzzy
  // match: "Preferences: Color Theme" also matches "…Browse Color Themes in Marketplace".
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: new RegExp(`^\\s*${escaped}`) }).first();
  for (;;) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ timeout: 5_000 });
      await input.fill(`>${title}`);
      await row.waitFor({ timeout: 5_000 });
      await row.click();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
    }
  }
}

export async function signIn(ui: Pick<UiWorkbench, 'page'>): Promise<void> {
  await runCommand(ui.page, 'WorldClient RTC: Sign In');
  await answerQuickInput(ui.page, /^Sign in to /, 'Sign in with email and password');
  await answerQuickInput(ui.page, /\(1\/2\)/, SANDBOX_DEFAULTS.user);
  await answerQuickInput(ui.page, /\(2\/2\)/, SANDBOX_DEFAULTS.password);
  // The status bar item rather than the "Signed in" toast: newer VS Code versions may keep the toast out of sight.
  await ui.page.locator('.part.statusbar [aria-label^="WorldClient RTC: signed in to"]').first().waitFor({ timeout: 30_000 });
}

/** `beforeAccept` runs once the room list has loaded, just before the room is picked (to set up faults for the room alone). */
export async function openRoom(ui: UiWorkbench, roomId: string, beforeAccept?: () => void): Promise<Frame> {
  await runCommand(ui.page, 'WorldClient RTC: Open Room');
  await ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Open which room?' }).waitFor({ timeout: 30_000 });
  beforeAccept?.();
  await answerQuickInput(ui.page, 'Open which room?', roomId);
  return roomFrame(ui.page, roomId);
}

/** The Rooms view (open it first, e.g. with "WorldClient RTC: Focus on Rooms View"). */
export function roomsViewPane(page: Page): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Rooms' }) });
}

export function roomsViewRow(page: Page, label: string): Locator {
  return roomsViewPane(page).locator('.monaco-list-row', { hasText: label }).first();
}

/** The room panel's own page: the innermost webview frame whose header shows `roomId`. */
export async function roomFrame(page: Page, roomId: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const shown = await frame.evaluate(() => document.querySelector('.fact-id')?.textContent ?? null).catch(() => null);
      if (shown === roomId) {
        return frame;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`No room panel showing "${roomId}" appeared within ${timeoutMs / 1000} s.`);
    }
    await page.waitForTimeout(200);
  }
}

/** The timeline's own page: the webview frame holding its canvas, once it has drawn. */
export async function timelineFrame(ui: Pick<UiWorkbench, 'page'>, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of ui.page.frames()) {
      const drawn = await frame
        .evaluate(
          () => document.querySelector('.timeline .plot canvas') !== null && document.documentElement.dataset.firstDrawAt !== undefined,
        )
        .catch(() => false);
      if (drawn) {
        return frame;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`No timeline page drew within ${timeoutMs / 1000} s.`);
    }
    await ui.page.waitForTimeout(200);
  }
}

/** Writes a screenshot of the whole workbench to test-artifacts/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(repoRoot, 'test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Waits until the room panel's page wears the theme: it receives the new colours a moment after the workbench switches. */
export async function waitForPanelTheme(frame: Frame, theme: ThemeName): Promise<void> {
  await frame.waitForFunction(
    (dark) => {
      const [r, g, b] = (getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? []).map(Number);
      return dark ? r + g + b < 150 : r + g + b > 600;
    },
    theme !== 'light',
    { timeout: 15_000 },
  );
}

/** A workbench whose sandbox holds `room`, signed in, with the room's panel open and its first `rows` rows drawn. */
export async function startWithRoomPanel(room: StoredRoom, rows: number): Promise<{ ui: UiWorkbench; frame: Frame }> {
  const ui = await startUiWorkbench({});
  ui.sandbox.store.put(structuredClone(room));
  await signIn(ui);
  const frame = await openRoom(ui, room.id);
  await frame
    .locator('.row:not(.loading)')
    .nth(rows - 1)
    .waitFor();
  return { ui, frame };
}
