// Catalogue of Confluence audit events: category ("Event type"), summary ("Change") and the
// objects and values each kind of event carries, modelled on records of real Confluence Cloud sites
// (../shared/notes/real-formats.md): real category names ('Spaces', 'Page'), hidden markers on every value.
import type { AffectedObject, ChangedValue } from '../../src/api/types';
import type { Prng } from '../prng';
import type { World } from './world';

export type Actor = 'admin' | 'user' | 'system' | 'app';

export interface EventParts {
  category: string;
  summary: string;
  description: string;
  affectedObject: AffectedObject;
  associatedObjects: AffectedObject[];
  changedValues: ChangedValue[];
  actor: Actor;
  sysAdmin: boolean;
}

interface EventTemplate {
  weight: number;
  build(rng: Prng, world: World): EventParts;
}

const SPACE_PERMISSIONS = ['View', 'Add pages', 'Delete own', 'Add comments', 'Export space', 'Admin', 'Restrictions'];
const GLOBAL_PERMISSIONS = ['Can use', 'Create space', 'Personal space', 'Confluence administrator', 'Site admin'];

function space(rng: Prng, world: World): AffectedObject {
  return { name: rng.pick(world.spaces).name, objectType: 'Space' };
}
function group(rng: Prng, world: World): AffectedObject {
  return { name: rng.pick(world.groups), objectType: 'Group' };
}
function user(rng: Prng, world: World): AffectedObject {
  return { name: rng.pick(world.people).author.displayName, objectType: 'User' };
}
function page(rng: Prng, world: World): AffectedObject {
  return { name: rng.pick(world.pages), objectType: 'Page' };
}
/** Real Cloud sends both hidden markers on every value, empty when the value is shown. */
function changed(name: string, oldValue: string, newValue: string): ChangedValue {
  return { name, oldValue, newValue, hiddenOldValue: '', hiddenNewValue: '' };
}
/** What the simulator puts in the markers of a value it redacts (no real sample shows one). */
export const HIDDEN_MARKER = '********';
/** A value the server redacts: both values empty, the hidden markers holding something. */
function hidden(name: string): ChangedValue {
  return { name, oldValue: '', newValue: '', hiddenOldValue: HIDDEN_MARKER, hiddenNewValue: HIDDEN_MARKER };
}
function parts(p: Partial<EventParts> & Pick<EventParts, 'category' | 'summary' | 'affectedObject'>): EventParts {
  return { description: '', associatedObjects: [], changedValues: [], actor: 'admin', sysAdmin: false, ...p };
}

const TEMPLATES: EventTemplate[] = [
  { weight: 10, build: (rng, w) => parts({
    category: 'Permissions', summary: 'Space permission added', affectedObject: space(rng, w),
    associatedObjects: [rng.chance(0.6) ? group(rng, w) : user(rng, w)],
    changedValues: [changed('Permission', '', rng.pick(SPACE_PERMISSIONS))],
  }) },
  { weight: 7, build: (rng, w) => parts({
    category: 'Permissions', summary: 'Space permission removed', affectedObject: space(rng, w),
    associatedObjects: [rng.chance(0.6) ? group(rng, w) : user(rng, w)],
    changedValues: [changed('Permission', rng.pick(SPACE_PERMISSIONS), '')],
  }) },
  { weight: 3, build: (rng, w) => parts({
    category: 'Permissions', summary: 'Global permission added', affectedObject: group(rng, w),
    changedValues: [changed('Permission', '', rng.pick(GLOBAL_PERMISSIONS))], sysAdmin: true,
  }) },
  { weight: 2, build: (rng, w) => parts({
    category: 'Permissions', summary: 'Global permission removed', affectedObject: group(rng, w),
    changedValues: [changed('Permission', rng.pick(GLOBAL_PERMISSIONS), '')], sysAdmin: true,
  }) },
  { weight: 12, build: (rng, w) => parts({
    category: 'Users and groups', summary: 'User added to group', affectedObject: user(rng, w),
    associatedObjects: [group(rng, w)], actor: rng.chance(0.3) ? 'system' : 'admin',
  }) },
  { weight: 6, build: (rng, w) => parts({
    category: 'Users and groups', summary: 'User removed from group', affectedObject: user(rng, w),
    associatedObjects: [group(rng, w)],
  }) },
  { weight: 2, build: (rng, w) => parts({
    category: 'Users and groups', summary: 'Group created', affectedObject: group(rng, w),
    actor: rng.chance(0.5) ? 'system' : 'admin',
  }) },
  { weight: 1, build: (rng, w) => parts({
    category: 'Users and groups', summary: 'Group deleted', affectedObject: group(rng, w),
  }) },
  // Real Cloud logs a deactivation twice: the user's details (Active Yes → No), then a record whose
  // affected object is empty.
  { weight: 2, build: (rng, w) => parts({
    category: 'Users and groups', summary: 'User details updated', affectedObject: user(rng, w),
    changedValues: [changed('Active', 'Yes', 'No')], actor: 'system',
  }) },
  { weight: 2, build: () => parts({
    category: 'Users and groups', summary: 'User deactivated', affectedObject: { name: '', objectType: '' }, actor: 'system',
  }) },
  { weight: 4, build: (rng) => {
    const setting = rng.pick([
      ['Site title', 'Confluence', 'Acme Wiki'], ['Default space homepage', 'Overview', 'Welcome'],
      ['Maximum attachment size', '104857600', '262144000'], ['Email notifications', 'true', 'false'],
      ['Default time zone', 'UTC', 'Europe/Berlin'],
    ] as const);
    return parts({
      category: 'Global config and administration', summary: 'Global settings changed',
      affectedObject: { name: 'Confluence', objectType: 'Site' }, sysAdmin: true,
      changedValues: rng.chance(0.5) ? [changed(setting[0], setting[1], setting[2])] : [changed(setting[0], setting[2], setting[1])],
    });
  } },
  { weight: 2, build: () => parts({
    category: 'Global config and administration', summary: 'Colour scheme modified',
    affectedObject: { name: 'Confluence', objectType: 'Site' }, sysAdmin: true,
    changedValues: [changed('Top bar', '#205081', '#0052CC'), changed('Links', '#3572B0', '#0065FF')],
  }) },
  { weight: 1, build: () => parts({
    category: 'Global config and administration', summary: 'Site logo changed',
    affectedObject: { name: 'Confluence', objectType: 'Site' }, sysAdmin: true,
  }) },
  { weight: 3, build: (rng, w) => parts({
    category: 'Apps', summary: 'App installed', affectedObject: { name: rng.pick(w.appNames), objectType: 'App' },
    changedValues: [changed('Version', '', `${1 + rng.int(9)}.${rng.int(20)}.${rng.int(10)}`)], sysAdmin: true,
  }) },
  { weight: 1, build: (rng, w) => parts({
    category: 'Apps', summary: 'App uninstalled', affectedObject: { name: rng.pick(w.appNames), objectType: 'App' }, sysAdmin: true,
  }) },
  { weight: 3, build: (rng, w) => parts({
    category: 'Apps', summary: 'App updated', affectedObject: { name: rng.pick(w.appNames), objectType: 'App' },
    changedValues: [changed('Version', `1.${rng.int(9)}.0`, `2.${rng.int(9)}.0`)], actor: 'system',
  }) },
  { weight: 4, build: (rng, w) => parts({
    category: 'Spaces', summary: 'Space exported', affectedObject: space(rng, w),
    description: rng.pick(['PDF export', 'HTML export', 'XML export']), actor: rng.chance(0.5) ? 'user' : 'admin',
  }) },
  { weight: 3, build: (rng, w) => parts({
    category: 'Spaces', summary: 'Space created', affectedObject: space(rng, w), actor: 'user',
  }) },
  { weight: 1, build: (rng, w) => parts({
    category: 'Spaces', summary: 'Space deleted', affectedObject: space(rng, w),
  }) },
  { weight: 1, build: (rng, w) => parts({
    category: 'Spaces', summary: 'Space archived', affectedObject: space(rng, w),
  }) },
  { weight: 3, build: (rng) => parts({
    category: 'Security', summary: 'Authentication policy changed',
    affectedObject: { name: 'Confluence', objectType: 'Site' }, sysAdmin: true,
    changedValues: [hidden('Identity provider secret'), changed('Enforce two-step verification', 'false', 'true')],
    description: rng.pick(['', 'Changed by organization admin']), actor: rng.chance(0.3) ? 'system' : 'admin',
  }) },
  { weight: 2, build: (rng, w) => parts({
    category: 'Security', summary: 'Anonymous access changed', affectedObject: space(rng, w),
    changedValues: [changed('Anonymous access', rng.chance(0.5) ? 'Disabled' : 'Enabled', rng.chance(0.5) ? 'Enabled' : 'Disabled')],
  }) },
  { weight: 2, build: (rng, w) => parts({
    category: 'Security', summary: 'API token revoked', affectedObject: user(rng, w),
    changedValues: [hidden('Token')], actor: 'system',
  }) },
  { weight: 8, build: (rng, w) => parts({
    category: 'Page', summary: 'Page deleted', affectedObject: page(rng, w), associatedObjects: [space(rng, w)], actor: 'user',
  }) },
  { weight: 3, build: (rng, w) => parts({
    category: 'Page', summary: 'Page restored from trash', affectedObject: page(rng, w), associatedObjects: [space(rng, w)], actor: 'user',
  }) },
  { weight: 2, build: (rng, w) => parts({
    category: 'Page', summary: 'Page purged from trash', affectedObject: page(rng, w), associatedObjects: [space(rng, w)],
  }) },
  { weight: 4, build: (rng, w) => parts({
    category: 'Page', summary: 'Page restrictions updated', affectedObject: page(rng, w),
    associatedObjects: [space(rng, w), rng.chance(0.5) ? group(rng, w) : user(rng, w)],
    changedValues: [changed('Restriction', 'Anyone can view', 'Only specific people can view')], actor: 'user',
  }) },
  { weight: 2, build: (rng, w) => parts({
    category: 'Page', summary: 'Blog post deleted', affectedObject: { name: rng.pick(w.pages), objectType: 'BlogPost' },
    associatedObjects: [space(rng, w)], actor: 'user',
  }) },
  { weight: 1, build: () => parts({
    category: 'Import/export', summary: 'Site export started', affectedObject: { name: 'Confluence', objectType: 'Site' },
    sysAdmin: true,
  }) },
];

const WEIGHTS = TEMPLATES.map((t) => t.weight);

export function buildEvent(rng: Prng, world: World): EventParts {
  return rng.weighted(TEMPLATES, WEIGHTS).build(rng, world);
}
