// Issue 9: code-server 4.139.1 (Node 24) failed to install on a fresh machine because its postinstall
// read "node v20" from the npm_config_user_agent the outer `npm test` (on Node 20) exported.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installStepEnv } from '../../scripts/vscode/install/installEnv';
import { installNodeRuntime, nodeVersionOf } from '../../scripts/vscode/install/nodeRuntime';

describe('installer: the environment of nested npm steps', () => {
  const outerNpm: NodeJS.ProcessEnv = {
    PATH: '/usr/bin',
    HOME: '/home/ci',
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_node_execpath: '/usr/bin/node',
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
    npm_config_local_prefix: '/work/main',
    npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    npm_config_nodedir: '/usr',
    npm_lifecycle_event: 'test',
    npm_package_name: 'confluence-audit',
    NPM_CONFIG_NPM_VERSION: '11.19.1',
    npm_config_registry: 'https://mirror.example/npm/',
    'npm_config_@corp:registry': 'https://corp.example/npm/',
    npm_config_https_proxy: 'http://proxy.example:3128',
    npm_config_cafile: '/etc/ssl/corp.pem',
  };

  it('drops what the outer npm says about itself (user agent, runtime, prefix, lifecycle, package)', () => {
    const env = installStepEnv(outerNpm);
    for (const name of ['npm_config_user_agent', 'npm_node_execpath', 'npm_execpath', 'npm_config_local_prefix',
      'npm_config_node_gyp', 'npm_config_nodedir', 'npm_lifecycle_event', 'npm_package_name', 'NPM_CONFIG_NPM_VERSION']) {
      assert.equal(env[name], undefined, name);
    }
  });

  it('keeps where packages come from and how to reach it, and everything that is not npm', () => {
    const env = installStepEnv(outerNpm);
    assert.equal(env.npm_config_registry, 'https://mirror.example/npm/');
    assert.equal(env['npm_config_@corp:registry'], 'https://corp.example/npm/');
    assert.equal(env.npm_config_https_proxy, 'http://proxy.example:3128');
    assert.equal(env.npm_config_cafile, '/etc/ssl/corp.pem');
    assert.equal(env.PATH, '/usr/bin');
    assert.equal(env.HOME, '/home/ci');
  });

  it('lets the variables the installer sets on purpose win', () => {
    const env = installStepEnv(outerNpm, { npm_config_nodedir: '/runtime', PATH: '/runtime/bin:/usr/bin', TMPDIR: '/tmp/x' });
    assert.equal(env.npm_config_nodedir, '/runtime');
    assert.equal(env.PATH, '/runtime/bin:/usr/bin');
    assert.equal(env.TMPDIR, '/tmp/x');
  });

  // The fast part of a fresh-machine install (the full install runs in CI whenever the code-server
  // cache is empty): a step started from inside `npm run`, on another Node than the outer npm's.
  it('a nested npm step started inside `npm run` on Node 24 tells install scripts it runs Node 24, not the outer Node', async function () {
    this.timeout(300_000);
    const work = mkdtempSync(path.join(os.tmpdir(), 'install-env-'));
    try {
      const log = path.join(work, 'install.log');
      const nodeBinary = await installNodeRuntime('24', path.join(work, 'runtime'), log);
      const nested = nodeVersionOf(nodeBinary);
      assert.notEqual(nested.split('.')[0], process.version.split('.')[0], 'the probe needs a Node other than the outer one');

      const probe = path.join(work, 'probe');
      mkdirSync(probe);
      writeFileSync(path.join(probe, 'package.json'), JSON.stringify({
        name: 'probe', version: '1.0.0', private: true,
        scripts: {
          postinstall: 'node -e "require(\'fs\').writeFileSync(process.env.PROBE_RESULT, JSON.stringify({ ua: process.env.npm_config_user_agent, node: process.version }))"',
        },
      }));
      const outer = path.join(work, 'outer');
      mkdirSync(outer);
      const result = path.join(work, 'result.json');
      const script = path.join(__dirname, 'support', 'nestedNpmProbe.js');
      writeFileSync(path.join(outer, 'package.json'), JSON.stringify({
        name: 'outer', version: '1.0.0', private: true,
        scripts: { probe: `node ${JSON.stringify(script)} ${JSON.stringify(nodeBinary)} ${JSON.stringify(probe)} ${JSON.stringify(log)} ${JSON.stringify(result)}` },
      }));

      const run = spawnSync('npm', ['run', '-s', 'probe'], { cwd: outer, encoding: 'utf8', timeout: 120_000 });
      assert.equal(run.status, 0, `npm run probe failed: ${run.stderr}\n${readFileSync(log, 'utf8').slice(-2000)}`);
      const seen = JSON.parse(readFileSync(result, 'utf8')) as { ua?: string; node?: string };
      assert.equal(seen.node, nested, 'the install script ran on the nested runtime');
      assert.match(seen.ua ?? '', new RegExp(` node/${nested.replace(/\./g, '\\.')} `), `user agent ${seen.ua ?? '(none)'}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
