import * as util from 'node:util';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { describeOfflineVSCode, ensureCodeServer, OfflineVSCode } from './codeServerInstall';
import { installExtension, linkExtension, RunningCodeServer, startCodeServer } from './codeServerProcess';
import { freePort, onInterrupt, TailBuffer } from './processes';
import { artifactName, createRunDirs, RunDirs } from './workspace';

export interface OfflineWorkbenchOptions {
  /** VS Code version, e.g. '1.100.3'; installed on demand. */
  version: string;
  /** Folder to open; defaults to an empty temporary one. */
  workspaceFolder?: string;
  extensionDevelopmentPath: string;
  /** Compiled suite entry exporting `run()`; without it the workbench just opens (quick start, UI tests). */
  extensionTestsPath?: string;
  /** VSIX file(s) to install into this run's extensions folder before the workbench starts. */
  installVsix?: string | readonly string[];
  /** Added to code-server's environment, which the extension host inherits. */
  env?: Record<string, string>;
  /** Defaults to a free port. */
  port?: number;
  /** false: only serve the workbench (a person opens the URL); no Chromium. Default true. */
  browser?: boolean;
  /** Receives the extension host's console (mocha output). Default: printed to stdout. */
  onLog?: (level: string, text: string) => void;
}

export interface OfflineWorkbench {
  readonly vscode: OfflineVSCode;
  readonly label: string;
  /** Workbench URL including the folder (and, for test runs, the extension-development payload). */
  readonly url: string;
  readonly server: RunningCodeServer;
  readonly dirs: RunDirs;
  /** Absent when started with browser: false. */
  readonly page: Page | undefined;
  /** Resolves when the extension host ends a test run: 0 when the suite's run() resolved. */
  readonly exitCode: Promise<number>;
  /** Workbench errors from the browser console, for failure reports. */
  readonly browserErrors: TailBuffer;
  /** Saves a screenshot to test-artifacts/ and returns its path (undefined without a page). */
  screenshot(prefix: string): Promise<string | undefined>;
  /** Stops Chromium and code-server and deletes the run's temporary folders. Safe to call twice. */
  close(): Promise<void>;
}

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Runs the real VS Code workbench that code-server ships and opens it in Debian's Chromium. The
 * extension runs in code-server's Node extension host (vscode.env.uiKind is Web there), which is
 * what makes this host work with no display.
 *
 * Two ways to load the extension:
 * - a test run (extensionTestsPath given) passes the development folder and the suite in the URL's
 *   payload, which VS Code 1.139 honours only under --enable-smoke-test-driver; that flag also
 *   makes VS Code refuse every modal dialog, which the integration suites answer through ScriptedUi;
 * - everything else (npm start, the UI tests, benchmarks) runs VS Code as a user gets it: no flag,
 *   real dialogs, and the development folder linked into the run's extensions folder as an
 *   installed extension.
 */
export async function launchOfflineWorkbench(options: OfflineWorkbenchOptions): Promise<OfflineWorkbench> {
  const vscode = await ensureCodeServer(options.version);
  const dirs = createRunDirs(`VS Code ${vscode.vscodeVersion}`);
  let server: RunningCodeServer | undefined;
  let context: BrowserContext | undefined;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      forgetInterrupt();
      await context?.close().catch(() => undefined);
      await server?.stop();
      dirs.remove();
    })());
  const forgetInterrupt = onInterrupt(close);

  try {
    const port = options.port ?? (await freePort());
    const testRun = options.extensionTestsPath !== undefined;
    if (!testRun) {
      linkExtension(dirs, options.extensionDevelopmentPath);
    }
    // Installing writes the extensions folder's manifest (extensions.json), which VS Code then
    // trusts over the folder's contents: link first, so the install records the link as well.
    for (const vsix of typeof options.installVsix === 'string' ? [options.installVsix] : (options.installVsix ?? [])) {
      await installExtension(vscode, dirs, vsix);
    }
    server = await startCodeServer({ vscode, dirs, port, env: options.env, smokeTestDriver: testRun });
    const folder = options.workspaceFolder ?? dirs.workspace;
    const url = testRun
      ? workbenchUrl(server.origin, {
          folder,
          extensionDevelopmentPath: options.extensionDevelopmentPath,
          extensionTestsPath: options.extensionTestsPath,
        })
      : plainWorkbenchUrl(server.origin, folder);
    const browserErrors = new TailBuffer(8000);
    let reportExit: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolve) => (reportExit = resolve));
    let page: Page | undefined;
    if (options.browser !== false) {
      context = await chromium.launchPersistentContext(dirs.browserProfile, {
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        headless: true,
        args: chromiumArgs,
        env: { ...process.env, ...dirs.env },
        viewport: { width: 1440, height: 900 },
      });
      page = context.pages()[0] ?? (await context.newPage());
      const onLog = options.onLog ?? ((_level: string, text: string) => console.log(text));
      // Both hooks must exist before the workbench loads: VS Code looks them up once at startup.
      await page.exposeFunction('codeAutomationLog', (level: unknown, args: unknown) => {
        onLog(String(level), util.format(...(Array.isArray(args) ? args : [args])));
      });
      await page.exposeFunction('codeAutomationExit', (code: unknown) => reportExit(Number(code)));
      page.on('console', (message) => {
        if (message.type() === 'error') {
          browserErrors.push(`${message.text()}\n`);
        }
      });
      page.on('pageerror', (error) => browserErrors.push(`page error: ${error.message}\n`));
      await page.goto(url);
    }
    const openPage = page;
    return {
      vscode,
      label: describeOfflineVSCode(vscode),
      url,
      server,
      dirs,
      page,
      exitCode,
      browserErrors,
      screenshot: async (prefix) => {
        if (!openPage || openPage.isClosed()) {
          return undefined;
        }
        const file = artifactName(prefix, 'png');
        await openPage.screenshot({ path: file, fullPage: true });
        return file;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The workbench URL a person opens: only the folder (welcome page and release notes come from settings). */
export function plainWorkbenchUrl(origin: string, folder: string): string {
  return `${origin}/?folder=${encodeURIComponent(folder)}`;
}

export interface WorkbenchPaths {
  folder: string;
  extensionDevelopmentPath: string;
  extensionTestsPath?: string;
}

/**
 * code-server rejects VS Code's --extensionDevelopmentPath flags, but the web workbench reads the
 * same settings from the `payload` query parameter. The paths must be vscode-remote URIs whose
 * authority is exactly the page's host:port, or the workbench treats them as another remote.
 */
export function workbenchUrl(origin: string, paths: WorkbenchPaths): string {
  const authority = new URL(origin).host;
  const remote = (file: string): string => `vscode-remote://${authority}${file.split('/').map(encodeURIComponent).join('/')}`;
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remote(paths.extensionDevelopmentPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (paths.extensionTestsPath) {
    // The extension host resolves the module itself, like `require` without the extension.
    payload.push(['extensionTestsPath', remote(paths.extensionTestsPath.replace(/\.js$/, ''))]);
  }
  return `${origin}/?folder=${encodeURIComponent(paths.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
