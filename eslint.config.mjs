// Flat config: typescript-eslint's recommended rules for the extension, its tests and scripts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.state/**', 'out/**', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Use the injected undici dispatcher (src/openstack/http).' }],
      'no-restricted-properties': ['error', { object: 'vscode', property: 'l10n', message: "Use l10n.t of '@vscode/l10n' (import * as l10n): one function in every layer, fed with vscode.l10n.bundle at activation." }],
    },
  },
  // CommonJS configuration files (the layer rules in .dependency-cruiser.cjs)
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
);
