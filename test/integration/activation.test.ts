import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, waitFor } from './support/fixtures';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string; name: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    menus: Record<string, { command?: string; submenu?: string }[]>;
  };
}

/** The manifest as a user sees it: %key% placeholders replaced from package.nls.json. */
function readManifest(): Manifest {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension);
  const read = (file: string) => fs.readFileSync(path.join(extension.extensionPath, file), 'utf8');
  const strings = JSON.parse(read('package.nls.json')) as Record<string, string>;
  return JSON.parse(read('package.json'), (_key, value: unknown) => {
    const placeholder = typeof value === 'string' ? /^%(.+)%$/.exec(value) : null;
    return placeholder ? (strings[placeholder[1]] ?? value) : value;
  }) as Manifest;
}

describe('Extension activation', () => {
  // First in the suite (files run in name order), before any test activates the extension itself.
  it('activates by itself when the Rooms view is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    assert.equal(extension.isActive, false, 'inactive until its view opens (startup must not load it)');
    await vscode.commands.executeCommand('worldclientRtc.rooms.focus');
    await waitFor(() => extension.isActive, 'opening the Rooms view to activate the extension');
  });

  it('contributes the WorldClient RTC container with one Rooms view', () => {
    const manifest = readManifest();
    assert.ok(!JSON.stringify(manifest).includes('"%'), 'every %placeholder% has a string in package.nls.json');
    assert.deepEqual(
      manifest.contributes.viewsContainers.activitybar.map((container) => container.id),
      ['worldclientRtc'],
    );
    assert.deepEqual(
      manifest.contributes.views.worldclientRtc.map((view) => [view.id, view.name]),
      [['worldclientRtc.rooms', 'Rooms']],
    );
  });

  it('contributes each submenu at most once to a menu (VS Code drops a repeat, with a warning at every start)', () => {
    const repeated = Object.entries(readManifest().contributes.menus).flatMap(([menu, entries]) => {
      const submenus = entries.flatMap((entry) => (entry.submenu ? [entry.submenu] : []));
      return submenus.filter((submenu, index) => submenus.indexOf(submenu) !== index).map((submenu) => `${submenu} in ${menu}`);
    });
    assert.deepEqual(repeated, []);
  });

  it('has a handler for every contributed command and contributes every handler', async () => {
    await activateExtension();
    const contributed = readManifest()
      .contributes.commands.map((entry) => entry.command)
      .sort();
    const registered = (await vscode.commands.getCommands(true))
      .filter((command) => command.startsWith('worldclientRtc.'))
      // VS Code itself adds focus/reset commands for every contributed view.
      .filter((command) => !/^worldclientRtc\.rooms\.(focus|resetViewLocation|toggleVisibility|removeView|open)$/.test(command))
      .sort();
    assert.deepEqual(registered, contributed);
    for (const required of [
      'worldclientRtc.signIn',
      'worldclientRtc.signOut',
      'worldclientRtc.refresh',
      'worldclientRtc.openRoom',
      'worldclientRtc.addRoom',
      'worldclientRtc.addMessages',
      'worldclientRtc.deleteRoom',
      'worldclientRtc.deleteMessages',
      'worldclientRtc.showLog',
      'worldclientRtc.testConnection',
    ]) {
      assert.ok(contributed.includes(required), `${required} is missing from package.json`);
    }
  });
});
