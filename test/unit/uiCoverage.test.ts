// Every contributed command and every button the webviews create has a UI test in code-server that
// judges its result. UI tests tag their titles with [command:<id>] and [button:<page>/<label>]; this
// test enumerates package.json's commands and the buttons in the webviews' sources and compares sets.
// It cannot pass vacuously: both enumerations must find what is known to exist, every tag must name
// something real, and a tagged test must assert or wait on a result.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (...parts: string[]): string => readFileSync(path.join(ROOT, ...parts), 'utf8');

function declaredCommands(): string[] {
  const pkg = JSON.parse(read('package.json')) as { contributes: { commands: { command: string }[] } };
  return pkg.contributes.commands.map((c) => c.command).sort();
}

/** Every string literal in a call's first argument(s) up to the closing parenthesis of the label. */
function literals(text: string): string[] {
  return [...text.matchAll(/'([^'\\]+)'|`([^`$]+)/g)].map((m) => (m[1] ?? m[2]).trim());
}

/** Buttons the webview pages create: "<page>/<visible label>". */
function webviewButtons(): string[] {
  const out = new Set<string>();
  const sources: [string, string][] = [['detail', 'detail.ts'], ['retention', 'retention.ts'], ['detail', 'lib/text.ts'], ['timeline', 'timeline.ts']];
  for (const [page, file] of sources) {
    const source = read('media', 'src', file);
    // actionButton(label, ariaLabel, …): the label may be a conditional of two literals ('Unpin' : 'Pin').
    for (const m of source.matchAll(/actionButton\(([^,]+),/g)) {
      if (m[1].includes('label: string')) continue; // the helper's own declaration
      for (const label of literals(m[1])) out.add(`${page}/${label}`);
    }
    // pivotButton(pivot, label, ariaLabel)
    for (const m of source.matchAll(/pivotButton\('\w+',\s*'([^']+)'/g)) out.add(`${page}/${m[1]}`);
    // h('button', { … }, 'Label') or `Label (…)`: the text up to an opening parenthesis.
    // The attributes object may hold ${…} in template strings, never a nested object.
    for (const m of source.matchAll(/h\(\s*'button',\s*\{(?:[^{}]|\$\{[^}]*\})*\},\s*(?:'([^']+)'|`([^`$(]+))/g)) out.add(`${page}/${(m[1] ?? m[2]).trim()}`);
  }
  return [...out].sort();
}

interface TaggedTest {
  file: string;
  title: string;
  body: string;
  tags: string[];
}

/** it('… [command:x] [button:y]', …) in test/ui/*.test.ts, with the test's body up to the next it(. */
function taggedUiTests(): TaggedTest[] {
  const out: TaggedTest[] = [];
  const folder = path.join(ROOT, 'test', 'ui');
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.test.ts'))) {
    const source = readFileSync(path.join(folder, file), 'utf8');
    const starts = [...source.matchAll(/\bit\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)];
    starts.forEach((m, i) => {
      const end = i + 1 < starts.length ? (starts[i + 1].index ?? source.length) : source.length;
      const body = source.slice((m.index ?? 0) + m[0].length, end);
      const tags = [...m[2].matchAll(/\[(command|button):([^\]]+)\]/g)].map((t) => `${t[1]}:${t[2]}`);
      out.push({ file, title: m[2], body, tags });
    });
  }
  return out;
}

describe('UI coverage: every command and webview button has a result-checking UI test', () => {
  const commands = declaredCommands();
  const buttons = webviewButtons();
  const tests = taggedUiTests();
  const tagged = new Set(tests.flatMap((t) => t.tags));

  it('finds what is known to exist (the enumerations are not empty or broken)', () => {
    assert.ok(commands.length >= 25 && commands.includes('confluenceAudit.addSite') && commands.includes('confluenceAudit.exportCsv'), commands.join(', '));
    for (const known of ['detail/Copy as JSON', 'detail/Pin', 'detail/Unpin', 'detail/Filter by this author', 'retention/Save', 'retention/Reload', 'timeline/Stop Counting', 'timeline/Add Window from Selection']) {
      assert.ok(buttons.includes(known), `${known} in ${buttons.join(', ')}`);
    }
    assert.ok(tests.length >= 20, `UI tests found: ${tests.length}`);
  });

  it('every contributed command has a UI test tagged with it', () => {
    const missing = commands.filter((c) => !tagged.has(`command:${c}`));
    assert.deepEqual(missing, [], `commands without a result-checking UI test: ${missing.join(', ')}`);
  });

  it('every webview button has a UI test tagged with it', () => {
    const missing = buttons.filter((b) => !tagged.has(`button:${b}`));
    assert.deepEqual(missing, [], `buttons without a result-checking UI test: ${missing.join(', ')}`);
  });

  it('every tag names a real command or button, and each tagged test checks a result', () => {
    const known = new Set([...commands.map((c) => `command:${c}`), ...buttons.map((b) => `button:${b}`)]);
    const stale = [...tagged].filter((t) => !known.has(t));
    assert.deepEqual(stale, [], `tags naming nothing: ${stale.join(', ')}`);
    for (const test of tests.filter((t) => t.tags.length > 0)) {
      assert.match(test.body, /assert\.|\.waitFor\(|rowShows\(|rowGone\(|notification\(|dialog\(|viewTitleShows\(|statusSays\(/, `${test.file}: "${test.title}" checks no result`);
    }
  });
});
