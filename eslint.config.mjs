// One linter; layer crossings are lint errors, from the one layer table below.
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

/**
 * The layers: every folder of src/main and of src, what it is, and which other layers it may import.
 * The no-restricted-imports rules below, and their messages, are generated from this table only;
 * tests/contract/layers.test.ts fails when a folder is missing from it.
 */
export const LAYERS = [
  { dir: 'src/shared', role: 'types, the contract and the validators', imports: [], node: false },
  { dir: 'src/main/core', role: 'the engine', imports: ['src/shared'] },
  { dir: 'src/main/http', role: 'the localhost mirror', imports: ['src/shared', 'src/main/core'] },
  {
    dir: 'src/main/host',
    role: 'what the desktop app and headless serve share around the engine',
    imports: ['src/shared', 'src/main/core', 'src/main/http']
  },
  { dir: 'src/main/ipc', role: 'the IPC handlers', imports: ['src/shared', 'src/main/core'] },
  {
    dir: 'src/main/electron',
    role: 'the Electron glue',
    imports: ['src/shared', 'src/main/core', 'src/main/http', 'src/main/host', 'src/main/ipc'],
    electron: true
  },
  {
    dir: 'src/main',
    files: ['src/main/*.ts'],
    role: "the desktop app's entry",
    imports: ['src/shared', 'src/main/core', 'src/main/http', 'src/main/host', 'src/main/ipc', 'src/main/electron'],
    electron: true
  },
  { dir: 'src/preload', role: 'the preload bridge', imports: ['src/shared'], electron: true },
  {
    dir: 'src/renderer',
    files: ['src/renderer/**/*.{ts,tsx}'],
    role: 'the UI',
    imports: ['src/shared'],
    node: false,
    packages: ['ws', 'decimal.js']
  },
  {
    dir: 'src/cli',
    role: 'the command-line entry points',
    imports: ['src/shared', 'src/main/core', 'src/main/http', 'src/main/host', 'src/simulator']
  },
  { dir: 'src/simulator', role: 'the local Bybit simulator', imports: ['src/shared'] }
]

const ELECTRON_PACKAGES = ['electron', 'electron/*', 'electron-store']
const mayUseElectron = LAYERS.filter((l) => l.electron).map((l) => l.dir)

/** Relative import paths that reach into a layer's folder (`../../shared/dto`, `../main/http`), never a package. */
function importRegex(dir) {
  const name = dir.split('/').pop()
  return `^\\.\\.?/(.*/)?${name}(/|$)`
}

function layerRule(layer) {
  const allowed = layer.imports.length === 0 ? 'nothing outside itself' : layer.imports.join(', ')
  const what = `${layer.dir} (${layer.role}) may import only ${allowed}`
  const patterns = LAYERS.filter((other) => other.dir !== layer.dir && !layer.imports.includes(other.dir))
    // The desktop entry (src/main/index.ts) is imported by nothing; its folder name would match every main layer.
    .filter((other) => other.dir !== 'src/main')
    .map((other) => ({ regex: importRegex(other.dir), message: `${what}, not ${other.dir}.` }))
  if (!layer.electron)
    patterns.push({ group: ELECTRON_PACKAGES, message: `${what}; only ${mayUseElectron.join(', ')} import electron.` })
  if (layer.node === false) patterns.push({ group: NODE_BUILTINS, message: `${what}; it runs without Node.` })
  if (layer.packages) patterns.push({ group: layer.packages, message: `${what}; not ${layer.packages.join(', ')}.` })
  return {
    files: layer.files ?? [`${layer.dir}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] }
  }
}

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
  ...LAYERS.map(layerRule),
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules
  }
)
