// API tokens in VS Code SecretStorage, keyed by site id (and organization API keys, under their own
// prefix, keyed by the organization entry's id). Nothing else in the extension persists a token.
import * as vscode from 'vscode';

const PREFIX = 'confluenceAudit.token.';
/** Where organization API keys are kept (a second TokenStore). */
export const ORG_KEY_PREFIX = 'confluenceAudit.orgKey.';

export class TokenStoreError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'TokenStoreError';
  }
}

export class TokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the site id whose token changed, here or in another window. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly prefix = PREFIX,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(this.prefix)) this.changed.fire(e.key.slice(this.prefix.length));
    });
  }

  /** undefined means "ask for the token again": never a reason to drop the site. */
  async get(siteId: string): Promise<string | undefined> {
    try {
      const value = await this.secrets.get(this.prefix + siteId);
      return value && value.length > 0 ? value : undefined;
    } catch {
      // A secret that cannot be decrypted is as good as missing; the site asks for a new token.
      return undefined;
    }
  }

  /** Throws a TokenStoreError the caller shows: a failed store must never be silent. */
  async store(siteId: string, token: string): Promise<void> {
    try {
      await this.secrets.store(this.prefix + siteId, token);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new TokenStoreError(`The token could not be saved in VS Code Secret Storage: ${reason}`, error);
    }
  }

  async delete(siteId: string): Promise<void> {
    await this.secrets.delete(this.prefix + siteId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
