// Builds the two bundles the extension ships: the extension host code (Node, CommonJS)
// and the webview script (browser). `--production` minifies, `--watch` rebuilds on change.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * The extension bundle leaves undici out and loads dist/undici.js on the first request
 * (src/api/undiciAgents.ts), so activation does not pay for the HTTP stack.
 */
const undiciAsSeparateBundle = {
  name: 'undici-as-separate-bundle',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

/**
 * `import * as vscode from 'vscode'` in each of our modules would otherwise become its own
 * `__toESM(require('vscode'))`, which copies every property of the API object (a few hundred)
 * into a new object, once per module, at activation. All our modules share one module instead,
 * `export * from 'vscode'`, which copies the API object once.
 */
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-api' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-api' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const bundles = [
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [oneVscodeNamespace, undiciAsSeparateBundle],
  },
  {
    entryPoints: ['src/api/undiciEntry.cjs'],
    outfile: 'dist/undici.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

/** Prints the size of each bundle after every build, so growth is noticed where it happens. */
const reportSize = {
  name: 'report-size',
  setup(build) {
    build.onEnd((result) => {
      const outfile = build.initialOptions.outfile;
      if (result.errors.length > 0) {
        console.error(`${outfile}: build failed with ${result.errors.length} error(s)`);
        return;
      }
      const bytes = fs.statSync(outfile).size;
      console.log(`${path.relative(process.cwd(), outfile)}: ${(bytes / 1024).toFixed(1)} KiB`);
    });
  },
};

async function main() {
  const contexts = await Promise.all(
    bundles
      .filter((bundle) => fs.existsSync(bundle.entryPoints[0]))
      .map((bundle) =>
        esbuild.context({
          ...bundle,
          bundle: true,
          minify: production,
          sourcemap: !production,
          sourcesContent: false,
          logLevel: 'warning',
          plugins: [...(bundle.plugins ?? []), reportSize],
        }),
      ),
  );
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
