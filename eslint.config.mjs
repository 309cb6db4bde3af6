// One linter; layer crossings are lint errors (DESIGN.md, "Layers").
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'http',
  'https',
  'net',
  'tls',
  'dns',
  'os',
  'child_process',
  'crypto',
  'events',
  'stream',
  'url',
  'util',
  'worker_threads'
]

const noElectron = {
  group: ['electron', 'electron/*'],
  message: 'The engine and shared layers never import electron: keep that in src/main/ipc or src/main/index.ts.'
}
const noNodeInRenderer = { group: NODE_BUILTINS, message: 'The renderer has no Node: it talks to the Api object only.' }
const noMainFromRenderer = {
  group: ['**/main/**', '**/simulator/**', '**/cli/**', 'ws', 'decimal.js'],
  message: 'The renderer imports only src/shared and its own modules.'
}
const noUpward = (layer) => ({
  group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/simulator/**', '**/cli/**'],
  message: `${layer} may not import from other layers.`
})

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always']
    }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            noUpward('src/shared'),
            { group: NODE_BUILTINS, message: 'src/shared has no runtime dependencies.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/main/core/**/*.ts', 'src/main/http/**/*.ts', 'src/simulator/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            {
              group: ['**/renderer/**', '**/preload/**', '**/ipc/**'],
              message: 'Node layers do not reach into the renderer, preload or Electron glue.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noElectron,
            {
              group: ['**/http/**', '**/ipc/**', '**/renderer/**', '**/preload/**', '**/cli/**', '**/simulator/**'],
              message: 'The engine (core) depends on nothing above it.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [noElectron, noNodeInRenderer, noMainFromRenderer] }]
    }
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/main/**', '**/renderer/**'], message: 'The preload only bridges the contract.' }] }
      ]
    }
  }
)
