/**
 * The layering of src/ as rules the build checks (`npm run lint` runs `depcruise`).
 * ESLint sees one file at a time; these rules need the whole import graph: cycles between
 * folders, and which folder may import which.
 *
 * - core/ holds what every feature uses (the server connection, sessions, snapshots, the request
 *   log, prompts, cancellation, the command runner and its ids, settings, the links between
 *   features, and core/rooms/: the room vocabulary several features share); it imports no
 *   feature folder, so features depend on it and never the other way round.
 * - The features (session, rooms, messages, panel, contract, compare, timeline) sit side by side: none
 *   imports another's files. What one offers another is its register()'s result, handed on by
 *   extension.ts; its type is the one thing another feature may import, from its index.ts.
 * - api/ (the WorldClient client) and shared/ (the webview protocol) know nothing of VS Code.
 */
const FEATURES = '(session|rooms|messages|panel|contract|compare|timeline)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment:
        'Two folders of src/ that import each other, directly or round a loop, are one tangle: move what both need into core/ (or split it).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'api-and-shared-know-no-vscode',
      comment:
        'src/api and src/shared run without VS Code (the API client in unit tests, the protocol in the webview): no vscode import, not even of types.',
      severity: 'error',
      from: { path: '^src/(api|shared)/' },
      to: { path: '^vscode$|(^|/)node_modules/@types/vscode/' },
    },
    {
      name: 'core-imports-no-feature',
      comment: 'core/ is what every feature builds on: it may use api/ and shared/, never a feature folder.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/(core|api|shared)/' },
    },
    {
      name: 'features-import-no-feature',
      comment:
        "A feature never imports another feature's files: move what both need into core/, or have the other feature offer it from register() (the root hands it on).",
      severity: 'error',
      from: { path: `^src/${FEATURES}/` },
      to: { path: `^src/${FEATURES}/`, pathNot: ['^src/$1/', `^src/${FEATURES}/index\\.ts$`] },
    },
    {
      name: 'features-import-only-types-of-a-feature',
      comment: "Another feature's index.ts may be imported for its types only (`import type`): its values come from the root.",
      severity: 'error',
      from: { path: `^src/${FEATURES}/` },
      to: { path: `^src/${FEATURES}/index\\.ts$`, pathNot: '^src/$1/', dependencyTypesNot: ['type-only'] },
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
