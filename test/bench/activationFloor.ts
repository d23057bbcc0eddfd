import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../runner/workspace';

const floorSource = path.join(repoRoot, 'test', 'bench', 'floor');
const staging = path.join(repoRoot, '.vscode-test', 'activation-floor');
export const floorVsix = path.join(repoRoot, '.vscode-test', 'activation-floor.vsix');
/** The floor's name in "Developer: Show Running Extensions" (its displayName). */
export const floorDisplayName = 'Activation Floor';
/** The floor's identifier (publisher.name), as "Developer: Startup Performance" lists it. */
export const floorExtensionId = 'worldclient-rtc.activation-floor';
/** The palette command that opens the floor's tree, which activates it (onView). */
export const floorFocusCommand = 'Activation Floor: Focus on Floor Items View';

/**
 * Builds the floor extension (test/bench/floor: one tree, one command) the way our own VSIX is
 * built — one minified CommonJS bundle by esbuild, packaged by vsce — so that both go through
 * the same install and the same module loader, and their figures differ only by their code.
 */
export async function packageFloorExtension(): Promise<string> {
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.copyFileSync(path.join(floorSource, 'package.json'), path.join(staging, 'package.json'));
  await esbuild.build({
    entryPoints: [path.join(floorSource, 'extension.ts')],
    outfile: path.join(staging, 'dist', 'extension.js'),
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', floorVsix],
    { cwd: staging, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`Packaging the activation floor failed:\n${result.stdout}${result.stderr}`);
  }
  return floorVsix;
}
