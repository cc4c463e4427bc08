// Lint rules, including the architecture's import boundaries:
//   - packages never import apps;
//   - the gateway's domain code imports no transport (tRPC, HTTP) and no persistence (Prisma);
//   - one env module per app reads process.env.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const appPackages = [
  '@darwaza/gateway',
  '@darwaza/gateway/*',
  '@darwaza/kiosk',
  '@darwaza/kiosk/*',
  '@darwaza/departments',
  '@darwaza/departments/*',
]

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-electron/**',
      'prisma/generated/**',
      'apps/kiosk/release/**',
      'test/.artifacts/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through the app’s env module only.' },
      ],
    },
  },
  {
    files: ['**/env.ts', 'apps/kiosk/electron/config.ts', '**/*.config.ts', 'scripts/**', '.pnpmfile.cjs'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['packages/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...appPackages, '**/apps/**'], message: 'Packages never import apps.' }] },
      ],
    },
  },
  {
    files: ['apps/gateway/src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@trpc/*',
                'fastify',
                '@fastify/*',
                'node:http',
                'node:https',
                'undici',
                '@darwaza/db',
                '@darwaza/db/*',
                '@prisma/*',
                '../*',
              ],
              message:
                'Domain code is plain functions over ports: no transport, no persistence, nothing outside domain/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The kiosk emulator's bridge runs in the page, as a classic script.
    files: ['apps/kiosk/emulator/bridge.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['apps/kiosk/src/**', 'packages/ui/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
)
