// The site list, kept in the application-scoped `confluenceAudit.sites` setting: user settings only,
// so a cloned workspace can never redirect the admin token to another host, and other windows see changes.
import { parseSiteList, type SiteConfig } from './siteConfig';
import { UserSettingList } from './userSettingList';

export class SiteStore extends UserSettingList<SiteConfig> {
  constructor() {
    super('sites', parseSiteList);
  }
}
