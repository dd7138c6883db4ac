// The environment of the installer's nested npm steps. When the installer runs inside `npm test`
// (or `npm run demo`), the outer npm exports `npm_*` variables describing itself to its children:
// `npm_config_user_agent=npm/… node/v20…`, `npm_node_execpath`, `npm_config_local_prefix`, ... A
// nested npm takes `npm_config_*` as configuration and passes them on unchanged, so code-server's
// postinstall.sh read "node v20" from the user agent even when the nested npm ran on Node 24 and
// refused to install (issue 9). Steps therefore start from an environment without the outer npm.

/**
 * npm settings that say where packages come from and how to reach it. They are kept because a user
 * or CI may set them in the environment on purpose (a mirror, a proxy, a corporate CA); they do not
 * describe the outer npm's runtime.
 */
const KEPT_NPM_CONFIG = new Set([
  'registry', 'proxy', 'https_proxy', 'http_proxy', 'noproxy', 'no_proxy',
  'cafile', 'ca', 'cert', 'strict_ssl', 'cache', 'userconfig', 'globalconfig',
]);

function isOuterNpmVariable(name: string): boolean {
  const lower = name.toLowerCase();
  if (!lower.startsWith('npm_')) return false;
  if (!lower.startsWith('npm_config_')) return true; // npm_lifecycle_*, npm_package_*, npm_execpath, ...
  const key = lower.slice('npm_config_'.length);
  // Scoped registries (`@scope:registry`) and per-registry auth come with the registry settings.
  return !(KEPT_NPM_CONFIG.has(key) || key.endsWith(':registry') || key.startsWith('//'));
}

/**
 * `outer` without what an enclosing npm exported about itself, plus `deliberate` (the variables the
 * installer sets on purpose, which win over anything inherited).
 */
export function installStepEnv(outer: NodeJS.ProcessEnv, deliberate: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(outer)) {
    if (value !== undefined && !isOuterNpmVariable(name)) env[name] = value;
  }
  for (const [name, value] of Object.entries(deliberate)) {
    if (value !== undefined) env[name] = value;
  }
  return env;
}
