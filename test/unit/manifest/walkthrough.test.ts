// The walkthrough (issue 16) as VS Code reads it from package.json: each step completes on something that
// exists (a contributed command or view, or a context key the extension sets), its buttons run contributed
// commands, and its page is shipped and names commands and settings by their current names.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}

interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    views: Record<string, { id: string }[]>;
    viewsWelcome: { contents: string }[];
    walkthroughs: { id: string; title: string; description: string; steps: Step[] }[];
    configuration: { properties: Record<string, unknown> };
  };
}

const ROOT = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const { contributes } = manifest;
const commands = new Set(contributes.commands.map((c) => c.command));
const commandTitles = new Set(contributes.commands.map((c) => c.title));
const views = new Set(Object.values(contributes.views).flat().map((v) => v.id));
const settings = new Set(Object.keys(contributes.configuration.properties));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

const sourceText = sourceFiles(path.join(ROOT, 'src')).map((file) => readFileSync(file, 'utf8')).join('\n');
/** Context keys the extension sets: `executeCommand('setContext', '<key>', …)` anywhere in src/. */
const contextKeys = new Set([...sourceText.matchAll(/'setContext',\s*'([\w.]+)'/g)].map((m) => m[1]));

/** Commands a `command:` link may run: contributed ones, and the focus command VS Code adds for each view. */
function runnable(id: string): boolean {
  return commands.has(id) || (id.endsWith('.focus') && views.has(id.slice(0, -'.focus'.length)));
}

function commandLinks(text: string): string[] {
  return [...text.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
}

describe('package.json: the walkthrough', () => {
  const [walkthrough] = contributes.walkthroughs;
  const steps = walkthrough.steps;

  it('finds what it checks against (the enumerations are not empty)', () => {
    assert.equal(contributes.walkthroughs.length, 1);
    for (const key of ['confluenceAudit.hasSites', 'confluenceAudit.hasSnapshots', 'confluenceAudit.ready']) assert.ok(contextKeys.has(key), `${key} in ${[...contextKeys].join(', ')}`);
    assert.ok(commands.has('confluenceAudit.openSample') && views.has('confluenceAudit.auditLog'));
  });

  it('walks through the first run in order: sample, site, browsing, a record, an export, the retention', () => {
    assert.deepEqual(steps.map((s) => s.id), ['openSample', 'addSite', 'browse', 'openRecord', 'export', 'retention']);
    assert.equal(new Set(steps.map((s) => s.id)).size, steps.length, 'step ids are unique');
    for (const step of steps) assert.ok(step.title.trim() && step.description.trim(), step.id);
  });

  it('completes each step on an event that can happen: a contributed command or view, or a context key the extension sets', () => {
    for (const step of steps) {
      assert.ok(step.completionEvents && step.completionEvents.length > 0, `${step.id} completes on something the user does, not on a click on the step`);
      for (const event of step.completionEvents) {
        const [kind, ...rest] = event.split(':');
        const value = rest.join(':');
        if (kind === 'onCommand') assert.ok(commands.has(value), `${step.id}: ${value} is a contributed command`);
        else if (kind === 'onView') assert.ok(views.has(value), `${step.id}: ${value} is a contributed view`);
        else if (kind === 'onContext') {
          const keys = value.match(/[A-Za-z][\w.]*/g) ?? [];
          assert.ok(keys.length > 0, event);
          for (const key of keys) assert.ok(contextKeys.has(key), `${step.id}: the context key ${key} is set by the extension`);
        } else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });

  it('runs only contributed commands from its buttons and the welcome view', () => {
    const texts = [walkthrough.description, ...steps.map((s) => s.description), ...contributes.viewsWelcome.map((w) => w.contents)];
    const links = texts.flatMap(commandLinks);
    assert.ok(links.includes('confluenceAudit.openSample'), 'the sample is offered');
    for (const id of links) assert.ok(runnable(id), `command:${id} exists`);
  });

  it('shows a short text page per step, shipped in the .vsix, naming commands and settings that exist', () => {
    const vscodeignore = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(vscodeignore.includes('!media/walkthrough/*.md'), 'the pages are shipped');
    for (const step of steps) {
      const page = step.media.markdown;
      assert.ok(page && /^media\/walkthrough\/[a-zA-Z]+\.md$/.test(page), `${step.id}: a markdown page under media/walkthrough/`);
      const file = path.join(ROOT, page);
      assert.ok(existsSync(file), page);
      const text = readFileSync(file, 'utf8');
      assert.ok(text.length > 200 && text.split('\n').length <= 40, `${page} is short (${text.split('\n').length} lines)`);
      assert.doesNotMatch(text, /!\[|<img/i, `${page} shows no images`);
      // Bold names ending in "…" are command titles or buttons: a renamed one must not leave the page stale.
      for (const [, title] of text.matchAll(/\*\*([^*]+…)\*\*/g)) {
        assert.ok(commandTitles.has(title) || sourceText.includes(`'${title}'`), `${page}: "${title}" is a command title or a button the extension shows`);
      }
      for (const [setting] of text.matchAll(/confluenceAudit\.[\w.]+/g)) assert.ok(settings.has(setting), `${page}: ${setting} is a setting`);
    }
  });
});
