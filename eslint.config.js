import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default ts.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/.corpus/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The core is plain Node: it must run under the CLI and the serve shell, where Electron is absent.
    files: ['src-main/archive/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['electron/*'] }] },
  },
  {
    // Shared by the renderer and the main process (the text table, notices, the archive day): plain
    // values only, so no Node module and neither side's code (tsconfig.web.json checks it without
    // Node's types, tsconfig.node.json without the DOM's).
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'fs', 'path', 'child_process'],
              message: 'src-shared runs on both sides.',
            },
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'src-shared imports only src-shared.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer runs in a sandboxed page: no Node, and from src-main only types. It may import
    // src-shared (the text table and other plain values both sides use).
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'fs', 'path', 'child_process'],
              message: 'The renderer never imports Node.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**'],
              message: 'Import the core’s public types through $contract, never a path into src-main.',
            },
            {
              group: ['$contract'],
              allowTypeImports: true,
              message: 'Import only types from the contract.',
            },
          ],
        },
      ],
      'svelte/no-at-html-tags': 'error',
    },
  },
);
