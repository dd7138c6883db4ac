// Where the sample audit log lives in the extension, shared by the command that opens it and the script that
// writes it (scripts/sample).
export const SAMPLE_FILE: readonly string[] = ['sample', 'confluence-audit-sample.csv'];
