import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'cli/cli.js', // the CLI bundle, copied there by the build
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'esbuild.js',
      'eslint.config.mjs',
      '.dependency-cruiser.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    ignores: ['src/webview/**'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // `import * as fs from 'node:fs'` bundles to a copy of every export of the module, made as the
    // extension loads (esbuild's __toESM); a named import is a plain require. See esbuild.js.
    files: ['src/**/*.ts'],
    ignores: ['src/webview/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^node:/] > ImportNamespaceSpecifier',
          message: 'Import what you use by name: a namespace import of a Node module copies all of its exports at activation.',
        },
      ],
    },
  },
  {
    // The API client and the webview protocol run without VS Code (unit tests, the webview).
    files: ['src/api/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/api and src/shared know nothing of VS Code: take what you need as a parameter.' }] },
      ],
    },
  },
  {
    // Prettier wraps code at 140 but leaves long strings and comments as they are: those are ours to cut.
    files: ['src/**/*.ts', 'test/**/*.ts', '**/*.cjs', '**/*.mjs'],
    rules: { 'max-len': ['error', { code: 140, tabWidth: 2, ignoreUrls: false, ignoreStrings: false, ignoreTemplateLiterals: false }] },
  },
  {
    // CommonJS on purpose: build entries that esbuild bundles as they are.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { parserOptions: { project: './src/webview/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
);
