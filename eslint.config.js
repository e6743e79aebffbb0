// Lint: the recommended JavaScript and TypeScript rules, plus the project's own few.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Money is integer cents: parsing a float is never the way in.
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Money is integer cents; parse text straight to cents.' }],
      'no-console': 'error',
    },
  },
  // The pages' small progressive-enhancement scripts run in the browser as classic scripts.
  { files: ['templates/web/static/js/**'], languageOptions: { sourceType: 'script', globals: { document: 'readonly', navigator: 'readonly', window: 'readonly' } } },
  { files: ['src/cli/**', 'src/cli.ts', 'src/server.ts', 'bin/**', 'test/**'], rules: { 'no-console': 'off' } },
);
