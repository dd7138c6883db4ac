// Every command declared in package.json is registered by the extension, and every registered
// confluenceAudit.* command is declared, with the category on each.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi } from './helpers';

interface DeclaredCommand {
  command: string;
  title: string;
  category?: string;
}

describe('Command contributions', () => {
  it('declared and registered commands match one to one', async () => {
    await getApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const packageJson = extension?.packageJSON as { contributes: { commands: DeclaredCommand[]; views: Record<string, { id: string }[]> } };
    const declared = packageJson.contributes.commands.map((c) => c.command).sort();
    // VS Code registers commands of its own for each contributed view ("<view id>.focus", ".open", …).
    const views = Object.values(packageJson.contributes.views).flat().map((v) => `${v.id}.`);
    assert.ok(views.includes('confluenceAudit.auditLog.'), views.join(', '));
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('confluenceAudit.') && !views.some((v) => c.startsWith(v))).sort();
    assert.deepEqual(registered, declared);
    for (const command of packageJson.contributes.commands) assert.equal(command.category, 'Confluence Audit', command.command);
  });

});
