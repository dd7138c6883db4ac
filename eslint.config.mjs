// ESLint flat config: typescript-eslint with type information, so floating promises are caught, and the
// allowed import directions between the folders of src/ (README.md, "Architecture").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, bottom first (README.md, "Architecture"): a folder may import itself and the folders of
 * the layers below its own, nothing else, so a cycle cannot come back (log: src/log.ts). extension.ts,
 * settings.ts and devSeed.ts are the composition root: they import anything, and nothing imports them. A new
 * folder gets a place here, or lint fails on its files.
 */
const TIERS = [
  ['api'],
  ['model'],
  ['shared', 'exportFile', 'log'],
  ['sites'],
  ['prompts', 'workspaceFiles', 'sources'],
  ['tree'],
  ['views', 'webview', 'export', 'offline'],
  ['commands', 'sample', 'walkthrough'],
];
/** Narrower than its layer: the audit-source seam takes only these (issue 12). */
const NARROWER = { sources: ['api', 'model', 'exportFile', 'sites'] };
const LAYERS = Object.fromEntries(TIERS.flatMap((tier, i) => tier.map((area) => [area, NARROWER[area] ?? TIERS.slice(0, i).flat()])));
const ROOT_MODULES = ['extension', 'settings', 'devSeed', 'log'];
/** Folders that must not depend on VS Code (tests, the simulator and the benchmarks run them in plain Node). */
const NO_VSCODE = ['api', 'model', 'shared', 'exportFile', 'sources', 'tree', 'export/core', 'offline/core'];
/** Names a folder may not take from a module it may otherwise import. */
const NAMED = [{ area: 'commands', module: 'views/bucketLoad', names: ['toAuditError'], message: 'toAuditError belongs to src/api: import it from there.' }];

/**
 * Temporary exceptions: a file and the modules it may still import against the rules above, which already say
 * what the target design allows. Each goes when the work named on it lands.
 */
const EXCEPTIONS = [
  // Removed when RecordDocuments (the detail view's text alternative) moves from views/ to webview/, beside
  // compareDocuments.ts (`duplicates` pairs the two).
  { files: ['src/webview/index.ts', 'src/webview/detailPanel.ts'], modules: ['views/recordDocuments'] },
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * no-restricted-imports options for the files of `area` that lie `depth` folders below src/. Imports are
 * relative, so the path's leading "../" count says where it lands: exactly `depth` of them reach src/.
 */
function importRules(area, depth, { pure, allowModules = [] }) {
  const toSrc = depth === 0 ? '\\./' : `(\\.\\./){${depth}}`;
  const allowed = new Set([area, ...LAYERS[area]]);
  const patterns = [...new Set([...Object.keys(LAYERS), ...ROOT_MODULES])]
    .filter((target) => !allowed.has(target))
    .map((target) => {
      const open = allowModules.filter((m) => m.startsWith(`${target}/`)).map((m) => escape(m.slice(target.length + 1)));
      const except = open.length > 0 ? `(?!/(${open.join('|')})$)` : '';
      return { regex: `^${toSrc}${escape(target)}${except}(/|$)`, message: `src/${area} must not import src/${target} (README.md, "Architecture").` };
    });
  for (const named of NAMED.filter((n) => n.area === area && !allowModules.includes(n.module))) {
    patterns.push({ regex: `^${toSrc}${escape(named.module)}$`, importNames: named.names, message: named.message });
  }
  patterns.push({ regex: `^(\\.\\./){${depth + 1}}`, message: 'src/ must not import from outside src/.' });
  return ['error', { paths: pure ? [{ name: 'vscode', message: 'This layer must not depend on VS Code.' }] : [], patterns }];
}

/** Where a file of src/ sits: its folder (or root module), how deep, and whether it must stay free of VS Code. */
function placeOf(file) {
  const parts = file.split('/').slice(1);
  const dir = parts.slice(0, -1).join('/');
  return { area: parts.length === 1 ? parts[0].replace(/\.ts$/, '') : parts[0], depth: parts.length - 1, pure: NO_VSCODE.some((p) => dir === p || dir.startsWith(`${p}/`)) };
}

/** One block per folder (and pure subfolder) and depth, then the exceptions; later blocks win. */
function layerBlocks() {
  const blocks = [];
  const add = (glob, allowModules) => {
    const place = placeOf(glob);
    blocks.push({ files: [glob], rules: { 'no-restricted-imports': importRules(place.area, place.depth, { pure: place.pure, allowModules }) } });
  };
  for (const area of Object.keys(LAYERS).filter((a) => a !== 'log')) {
    for (const depth of [1, 2, 3, 4, 5, 6]) add(`src/${area}/${'*/'.repeat(depth - 1)}*.ts`);
  }
  for (const pure of NO_VSCODE.filter((p) => p.includes('/'))) {
    for (const depth of [2, 3, 4, 5, 6]) add(`src/${pure}/${'*/'.repeat(depth - 2)}*.ts`);
  }
  add('src/log.ts');
  for (const exception of EXCEPTIONS) for (const file of exception.files) add(file, exception.modules);
  blocks.push({
    files: ['src/**/*.ts'],
    ignores: [...Object.keys(LAYERS).map((a) => `src/${a}/**`), ...ROOT_MODULES.map((m) => `src/${m}.ts`)],
    rules: { 'no-restricted-syntax': ['error', { selector: 'Program', message: 'This folder of src/ has no place in TIERS (eslint.config.mjs): add it there, with what it may import.' }] },
  });
  return blocks;
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'media/dist/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'test/fixtures/**/*.js', 'scripts/vscode/test/fixtures/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './media/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      'no-restricted-imports': 'off',
    },
  },
  {
    // Plain ES modules (the build script) are not in a tsconfig: lint them without type information.
    files: ['**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { project: false }, globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable' } },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The simulator and the webview front end run outside VS Code (src/ is covered by layerBlocks).
    files: ['simulator/**/*.ts', 'media/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This layer must not depend on VS Code.' }] }],
    },
  },
  ...layerBlocks(),
);
