/**
 * The layering of src/ as rules the build checks (`npm run lint` runs `depcruise`).
 * ESLint sees one file at a time; these rules need the whole import graph: cycles between
 * folders, and which folder may import which.
 *
 * - core/ holds what every feature uses (prompts, cancellation, the command runner, command
 *   ids, settings); it imports no feature folder, so features depend on it and never the
 *   other way round.
 * - api/ (the WorldClient client) and shared/ (the webview protocol) know nothing of VS Code.
 * - bootstrap/ is VS Code's entry point, which loads the rest (dist/main.js) through V8's code
 *   cache: it stands alone, so that its bundle stays a few lines of Node.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Two folders of src/ that import each other, directly or round a loop, are one tangle: move what both need into core/ (or split it).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'api-and-shared-know-no-vscode',
      comment: 'src/api and src/shared run without VS Code (the API client in unit tests, the protocol in the webview): no vscode import, not even of types.',
      severity: 'error',
      from: { path: '^src/(api|shared)/' },
      to: { path: '^vscode$|(^|/)node_modules/@types/vscode/' },
    },
    {
      name: 'core-imports-no-feature',
      comment: 'core/ is what every feature builds on: it may use api/, shared/ and log/, never a feature folder.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/(core|api|shared|log)/' },
    },
    {
      name: 'bootstrap-stands-alone',
      comment: 'src/bootstrap is built into its own small bundle that loads dist/main.js: anything it imported from src/ would be compiled twice, and without the code cache.',
      severity: 'error',
      from: { path: '^src/bootstrap/' },
      to: { path: '^src/', pathNot: '^src/bootstrap/' },
    },
    {
      name: 'nothing-imports-bootstrap',
      comment: 'The rest of src/ is dist/main.js, which bootstrap loads; an import the other way would bundle the loader into what it loads.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/bootstrap/' },
      to: { path: '^src/bootstrap/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: they tie folders together just the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(out|dist|\\.vscode-test)/' },
  },
};
