// The organization audit log's actions the simulator produces, with the display names
// `GET …/event-actions` serves (id, displayName, groupDisplayNames).

export interface ActionInfo {
  id: string;
  displayName: string;
  group: string;
}

export const ORG_ACTIONS = {
  login: { id: 'user_logged_in', displayName: 'User logged in', group: 'Security' },
  loginFailed: { id: 'user_login_failed', displayName: 'User login failed', group: 'Security' },
  tokenCreated: { id: 'api_token_created', displayName: 'API token created', group: 'Security' },
  tokenRevoked: { id: 'api_token_revoked', displayName: 'API token revoked', group: 'Security' },
  accessGranted: { id: 'product_access_granted', displayName: 'Product access granted', group: 'Product access' },
  accessRevoked: { id: 'product_access_revoked', displayName: 'Product access revoked', group: 'Product access' },
  groupAdded: { id: 'user_added_to_group', displayName: 'User added to group', group: 'Groups' },
  spacePermissionAdded: { id: 'confluence_added_space_permission', displayName: 'Added space permission', group: 'Confluence' },
  spacePermissionRemoved: { id: 'confluence_removed_space_permission', displayName: 'Removed space permission', group: 'Confluence' },
  spaceCreated: { id: 'confluence_space_created', displayName: 'Created space', group: 'Confluence' },
  spaceExported: { id: 'confluence_space_exported', displayName: 'Exported space', group: 'Confluence' },
} as const satisfies Record<string, ActionInfo>;

export type ActionName = keyof typeof ORG_ACTIONS;

export const ALL_ACTIONS: readonly ActionInfo[] = Object.values(ORG_ACTIONS);
