/**
 * The layering of src/ as rules the build checks (`npm run lint` runs `depcruise`).
 * ESLint sees one file at a time; these rules need the whole import graph: cycles between
 * folders, and which folder may import which.
 *
 * - core/ holds what every feature uses (prompts, cancellation, the command runner, command
 *   ids, settings); it imports no feature folder, so features depend on it and never the
 *   other way round.
 * - api/ (the WorldClient client) and shared/ (the webview protocol) know nothing of VS Code.
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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: they tie folders together just the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(out|dist|\\.vscode-test)/' },
  },
};
