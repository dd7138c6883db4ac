// Strings an attacker can plant in audit data (page titles, display names, settings values):
// markup, script and command-URI injection, spreadsheet formula injection, bidi tricks, huge values.
// The client must render and export all of them inertly.

const HUGE_VALUE_LENGTH = 100 * 1024;

/** A 100 KB value, built once (every record that carries it shares the string). */
export const HUGE_VALUE: string = buildHuge();

function buildHuge(): string {
  const unit = 'Bulk permission change applied to space ENG by automation rule 42; ';
  return unit.repeat(Math.ceil(HUGE_VALUE_LENGTH / unit.length)).slice(0, HUGE_VALUE_LENGTH);
}

export const HOSTILE_STRINGS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  'javascript:alert(1)',
  '[x](command:workbench.action.terminal.new)',
  '=HYPERLINK("http://evil")',
  '+cmd',
  '-1+1',
  '@SUM(1)',
  '\t=1',
  '=1+1\nnote',
  'تقرير الأمان السنوي',
  'דוח אבטחה רבעוני',
  'invoice\u202Efdp.exe',
  HUGE_VALUE,
];

/** Where a hostile string lands in a record: fields fed by user-controlled names and values. */
export const HOSTILE_TARGETS = [
  'description', 'affectedObject', 'associatedObject', 'changedValue', 'authorName',
] as const;
export type HostileTarget = (typeof HOSTILE_TARGETS)[number];
