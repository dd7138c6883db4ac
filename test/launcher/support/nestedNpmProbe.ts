// Started by `npm run probe` in the install-environment test: runs `npm run postinstall` in a probe
// package through the installer's own npm step, on the Node.js runtime given, as the installer runs
// code-server's postinstall. argv: <node binary> <probe package dir> <log file> <result file>
import { buildEnv } from '../../../scripts/vscode/install/nodeRuntime';
import { runNpmStep } from '../../../scripts/vscode/install/npmStep';

const [nodeBinary, probeDir, logFile, resultFile] = process.argv.slice(2);
if (!nodeBinary || !probeDir || !logFile || !resultFile) throw new Error('usage: nestedNpmProbe <node> <dir> <log> <result>');
runNpmStep({ cwd: probeDir, args: ['run', 'postinstall'], env: { ...buildEnv(nodeBinary), PROBE_RESULT: resultFile }, logFile })
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
