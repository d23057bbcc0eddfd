// Builds the bundles the extension ships: the extension host code (Node, CommonJS), undici, and
// the webview script (browser).
// `--production` minifies, `--watch` rebuilds on change.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * The extension bundle leaves undici out and loads dist/undici.js while the session is read, or
 * on the first request (src/api/undiciAgents.ts), so compiling the bundle does not pay for it.
 */
const undiciAsSeparateBundle = {
  name: 'undici-as-separate-bundle',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

/**
 * `import * as vscode from 'vscode'` in each of our modules would otherwise become its own
 * `__toESM(require('vscode'))`, which copies every property of the API object (about four
 * hundred) into a new object, once per module, at activation; even one shared `export * from
 * 'vscode'` copies them all once (about a millisecond). All our modules share one module that
 * exports only the API names our code uses, read once from the API object: esbuild then binds
 * `vscode.window` straight to that export. A name the scan missed would be undefined at run time,
 * so main() fails the build on esbuild's "will always be undefined" warning.
 */
function usedVscodeApiNames() {
  const declared = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const runtimeNames = new Set(
    [...declared.matchAll(/^\s*export (?:class|namespace|enum|function|const|let) (\w+)/gm)].map((match) => match[1]),
  );
  const used = new Set();
  const scan = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        scan(file);
      } else if (entry.name.endsWith('.ts')) {
        for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bvscode\.(\w+)/g)) {
          if (runtimeNames.has(match[1])) used.add(match[1]);
        }
      }
    }
  };
  scan(path.join(__dirname, 'src'));
  return [...used].sort();
}

/** Likewise ajv, needed only when a team has a contract file with rules of its own: dist/ajv.js, loaded then. */
const ajvAsSeparateBundle = {
  name: 'ajv-as-separate-bundle',
  setup(build) {
    build.onResolve({ filter: /^ajv$/ }, () => ({ path: './ajv.js', external: true }));
  },
};

const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-api' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-api' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({
      contents: `const api = require('vscode');\nexport const { ${usedVscodeApiNames().join(', ')} } = api;\n`,
      loader: 'js',
    }));
  },
};

/** Copies a bundle once built: the CLI into cli/, where `npm pack` finds it. */
function copyTo(target) {
  return {
    name: 'copy-to',
    setup(build) {
      build.onEnd((result) => {
        if (result.errors.length === 0) {
          fs.copyFileSync(build.initialOptions.outfile, target);
          fs.chmodSync(target, 0o755);
        }
      });
    },
  };
}

/** What the bundles that run in the extension host share. */
// jsonc-parser's "main" is a UMD build esbuild cannot follow inside; its "module" build it can.
const extensionHost = { platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], mainFields: ['module', 'main'] };

const bundles = [
  {
    // VS Code's entry point (package.json "main").
    ...extensionHost,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    plugins: [oneVscodeNamespace, undiciAsSeparateBundle, ajvAsSeparateBundle],
  },
  {
    ...extensionHost,
    entryPoints: ['src/shared/contract/ajvEntry.cjs'],
    outfile: 'dist/ajv.js',
  },
  {
    ...extensionHost,
    entryPoints: ['src/api/undiciEntry.cjs'],
    outfile: 'dist/undici.js',
  },
  {
    // The command-line checker (npm run build also copies it into cli/, the npm package's folder):
    // everything bundled, so the package installs with no dependencies.
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli.js',
    mainFields: ['module', 'main'],
    banner: { js: '#!/usr/bin/env node' },
    define: { CLI_VERSION: JSON.stringify(require('./cli/package.json').version) },
    plugins: [copyTo('cli/cli.js')],
  },
  {
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // The Rooms Timeline's page (src/timeline/ is its host side).
    entryPoints: ['src/webview/timeline/main.ts'],
    outfile: 'dist/timeline.js',
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

/**
 * dist/package.json makes dist/ a package scope of its own. Node reads the nearest package.json
 * of every CommonJS file it loads, for its "type"; without this one it would read and parse the
 * extension's whole manifest (30 KiB of contributions) when VS Code requires dist/extension.js
 * (and again for dist/undici.js), a cost VS Code counts as activation. It says what Node assumes
 * anyway: CommonJS.
 */
function writePackageScope() {
  fs.mkdirSync('dist', { recursive: true });
  fs.writeFileSync(path.join('dist', 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
}

async function main() {
  writePackageScope();
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
  const results = await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  const undefinedImports = results.flatMap((result) => result.warnings).filter((warning) => /will always be undefined/.test(warning.text));
  if (undefinedImports.length > 0) {
    throw new Error(
      `${undefinedImports.length} import(s) would be undefined at run time: ${undefinedImports.map((warning) => warning.text).join('; ')}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
