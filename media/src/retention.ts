// The retention editor webview: shows the stored period, validates the form here (the host checks again),
// previews what a shorter period deletes, and reports what Confluence stored after a save. The draft is
// kept with setState, so hiding the panel or reloading the window does not lose it.
import type { ProtocolError, RetentionDraft, RetentionImpact, RetentionPeriod, RetentionSnapshot, SaveOutcome } from '../../src/shared/protocol';
import { describePeriod, parseRetentionInput, RETENTION_UNIT_OPTIONS, samePeriod } from '../../src/shared/retentionRules';
import { validateRetentionState } from '../../src/shared/validateMessage';
import { byId, h, replaceChildren } from './lib/dom';
import { HostChannel } from './lib/rpc';
import { loadState, saveState } from './lib/vscodeApi';

const PREVIEW_DELAY_MS = 400;

const app = byId('app', HTMLElement);
const channel = new HostChannel(() => undefined);

const saved = validateRetentionState(loadState());
let siteId = saved?.siteId;
let draft: RetentionDraft | undefined = saved?.draft;
let snapshot: RetentionSnapshot | undefined;
/** The stored period the form is based on; sent with a save so the host can tell if it changed meanwhile. */
let basedOn: RetentionPeriod | undefined;
let previewTimer: ReturnType<typeof setTimeout> | undefined;
let previewSeq = 0;

// ----------------------------------------------------------------------------------------------------------
// Elements (built once; values are set as text)

const current = h('div', { id: 'current', class: 'current', 'aria-live': 'polite' });
const reload = h('button', { type: 'button', id: 'reload', class: 'secondary' }, 'Reload');
const numberInput = h('input', { id: 'number', name: 'number', type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', maxlength: '10', 'aria-describedby': 'number-hint number-error', 'aria-required': 'true' });
const unitSelect = h('select', { id: 'units', name: 'units', 'aria-describedby': 'number-hint' });
for (const option of RETENTION_UNIT_OPTIONS) unitSelect.append(h('option', { value: option.value }, option.label));
const hint = h('p', { id: 'number-hint', class: 'hint' }, 'A positive whole number. Confluence keeps audit records for at most 1 year.');
const error = h('p', { id: 'number-error', class: 'error', role: 'alert', hidden: true });
const stale = h('p', { id: 'stale', class: 'warning', role: 'note', hidden: true });
const impact = h('div', { id: 'impact', class: 'impact', 'aria-live': 'polite' });
const stopCounting = h('button', { type: 'button', id: 'stop-counting', class: 'secondary', hidden: true }, 'Stop counting');
// Not a submit button: VS Code's webview sandbox has no allow-forms (enableForms: false), so a <form>
// never submits there. Click and Enter drive the save instead.
const save = h('button', { type: 'button', id: 'save' }, 'Save');
const result = h('div', { id: 'result', class: 'result', role: 'status', 'aria-live': 'polite' });
const form = h(
  'div',
  { id: 'form', role: 'form', 'aria-labelledby': 'form-heading' },
  h('h2', { id: 'form-heading' }, 'Change the retention period'),
  h('div', { class: 'row' }, h('label', { for: 'number' }, 'Keep audit records for'), numberInput, h('label', { for: 'units', class: 'visually-hidden' }, 'Unit'), unitSelect),
  hint,
  error,
  stale,
  impact,
  stopCounting,
  h('div', { class: 'row' }, save),
);

// ----------------------------------------------------------------------------------------------------------
// Rendering

function showFailure(target: HTMLElement, prefix: string, e: ProtocolError): void {
  const parts: Node[] = [h('p', { class: 'error', role: 'alert' }, `${prefix} ${e.message}`)];
  if (e.serverMessage !== undefined) {
    parts.push(h('p', {}, 'Confluence said: ', h('q', { class: 'server-message', dir: 'auto' }, e.serverMessage)));
  }
  replaceChildren(target, ...parts);
}

function renderCurrent(s: RetentionSnapshot): void {
  const readAt = s.readAtText;
  replaceChildren(
    current,
    h('p', {}, 'Confluence keeps audit records for ', h('strong', { id: 'current-period' }, describePeriod(s.current)), ` (read at ${readAt}).`),
    s.currentCutoffLatest === undefined
      ? h('p', {}, 'Records created before ', h('span', { class: 'mono' }, s.currentCutoff), ' are deleted.')
      : h('p', {}, 'Records created before about ', h('span', { class: 'mono' }, s.currentCutoff), ' are deleted (by Confluence’s clock and calendar: at the latest ', h('span', { class: 'mono' }, s.currentCutoffLatest), ').'),
  );
}

function formPeriodText(): { number: string; units: string } {
  return { number: numberInput.value, units: unitSelect.value };
}

function persistDraft(): void {
  if (siteId === undefined) return;
  draft = { ...formPeriodText(), ...(basedOn ? { basedOn } : {}) };
  saveState({ siteId, draft });
}

function setFormValue(period: RetentionPeriod): void {
  numberInput.value = String(period.number);
  unitSelect.value = period.units;
}

function showValidation(): RetentionPeriod | undefined {
  const parsed = parseRetentionInput(numberInput.value, unitSelect.value);
  if (parsed.ok) {
    error.hidden = true;
    error.textContent = '';
    numberInput.removeAttribute('aria-invalid');
    return parsed.period;
  }
  error.textContent = parsed.message;
  error.hidden = false;
  numberInput.setAttribute('aria-invalid', 'true');
  return undefined;
}

function impactText(i: RetentionImpact, requested: RetentionPeriod): Node[] {
  if (!i.shortening) return [h('p', {}, 'A period at least as long as the current one deletes nothing. Records already deleted do not come back.')];
  // Months and years end where the server's clock and calendar say: the earliest cutoff, then the latest.
  const lines: Node[] = [
    i.cutoffLatest === undefined
      ? h('p', { class: 'warning' }, `Shortening to ${describePeriod(requested)} permanently deletes every audit record created before `, h('span', { class: 'mono' }, i.cutoff), '.')
      : h(
          'p',
          { class: 'warning' },
          `Shortening to ${describePeriod(requested)} permanently deletes every audit record created before about `,
          h('span', { class: 'mono' }, i.cutoff),
          ' (by Confluence’s clock and calendar: at the latest ',
          h('span', { class: 'mono' }, i.cutoffLatest),
          ').',
        ),
  ];
  if (i.count) {
    const n = i.count.value.toLocaleString('en-US');
    const counted = i.count.upperBound ? `Up to ${n} ${i.count.value === 1 ? 'record' : 'records'} would be deleted (counted up to the latest possible cutoff).` : `${n} ${i.count.value === 1 ? 'record' : 'records'} would be deleted.`;
    lines.push(h('p', { id: 'impact-count' }, i.count.capped ? `At least ${n} records would be deleted (counting stopped there).` : counted));
  } else if (i.countProblem !== undefined) {
    lines.push(h('p', {}, `How many records would be deleted could not be counted: ${i.countProblem}`));
  }
  return lines;
}

function clearImpact(): void {
  previewSeq += 1;
  if (previewTimer !== undefined) clearTimeout(previewTimer);
  previewTimer = undefined;
  stopCounting.hidden = true;
  replaceChildren(impact);
}

function schedulePreview(period: RetentionPeriod): void {
  clearImpact();
  if (!snapshot || samePeriod(period, snapshot.current)) return;
  const seq = previewSeq;
  previewTimer = setTimeout(() => void preview(period, seq), PREVIEW_DELAY_MS);
}

async function preview(period: RetentionPeriod, seq: number): Promise<void> {
  replaceChildren(impact, h('p', {}, 'Working out what this would delete…'));
  stopCounting.hidden = false;
  const answer = await channel.request({ type: 'retention.preview', period });
  if (seq !== previewSeq) return; // the form changed meanwhile
  stopCounting.hidden = true;
  if (answer.ok) replaceChildren(impact, ...impactText(answer.value, period));
  else if (answer.error.kind === 'cancelled') replaceChildren(impact, h('p', {}, 'Counting stopped.'));
  else showFailure(impact, 'Could not work out what this would delete:', answer.error);
}

function showStale(): void {
  if (snapshot && basedOn && !samePeriod(basedOn, snapshot.current)) {
    stale.textContent = `The stored period changed since you started editing: it was ${describePeriod(basedOn)}, it is now ${describePeriod(snapshot.current)}. Saving will ask you to confirm.`;
    stale.hidden = false;
  } else {
    stale.hidden = true;
  }
}

function outcomeText(o: SaveOutcome): Node[] {
  switch (o.outcome) {
    case 'cancelled':
      return [h('p', {}, 'Cancelled: nothing was changed.')];
    case 'unchanged':
      return [h('p', {}, `Confluence already stores ${describePeriod(o.stored)}; nothing was sent.`)];
    case 'saved': {
      const lines: Node[] = [];
      if (o.readBackProblem !== undefined) {
        lines.push(h('p', { class: 'warning' }, `Saved. Confluence answered ${describePeriod(o.stored)}, but reading the value back failed: ${o.readBackProblem}`));
      } else if (!o.applied) {
        lines.push(h('p', { class: 'error', role: 'alert' }, `Confluence stores ${describePeriod(o.stored)}, not the ${describePeriod(o.requested)} you asked for.`));
      } else if (o.confirmedByRead) {
        lines.push(h('p', { class: 'success' }, `The server confirmed the new period: Confluence stores ${describePeriod(o.stored)}. Its answer to the save was lost, so the value was read back instead of saving again.`));
      } else {
        lines.push(h('p', { class: 'success' }, `Saved. Read back from Confluence: it stores ${describePeriod(o.stored)}.`));
      }
      return lines;
    }
  }
}

function storedAfter(o: SaveOutcome): RetentionPeriod {
  return o.outcome === 'cancelled' ? o.current : o.stored;
}

// ----------------------------------------------------------------------------------------------------------
// Behaviour

function onEdit(): void {
  persistDraft();
  replaceChildren(result);
  const period = showValidation();
  if (period) schedulePreview(period);
  else clearImpact();
}

numberInput.addEventListener('input', onEdit);
unitSelect.addEventListener('change', onEdit);

stopCounting.addEventListener('click', () => {
  void channel.request({ type: 'retention.cancelPreview' });
});

reload.addEventListener('click', () => void load(false));

save.addEventListener('click', () => void submit());

/** Enter in the number box or on the unit list saves, as it would in a form. */
function onEnter(event: KeyboardEvent): void {
  if (event.key !== 'Enter' || event.isComposing) return;
  event.preventDefault();
  void submit();
}
numberInput.addEventListener('keydown', onEnter);
unitSelect.addEventListener('keydown', onEnter);

async function submit(): Promise<void> {
  if (save.disabled) return; // a save is running

  const period = showValidation();
  if (!period) {
    numberInput.focus();
    return;
  }
  if (!snapshot || !basedOn) return;
  clearImpact();
  save.disabled = true;
  replaceChildren(result, h('p', {}, 'Saving…'));
  const answer = await channel.request({ type: 'retention.save', period, loaded: basedOn }, (progress) => {
    replaceChildren(result, h('p', {}, progress.message));
  });
  save.disabled = false;
  if (!answer.ok) {
    showFailure(result, 'The retention period was not saved.', answer.error);
    return;
  }
  const stored = storedAfter(answer.value);
  snapshot = { ...snapshot, current: stored, readAt: Date.now() };
  renderCurrent(snapshot);
  if (answer.value.outcome !== 'cancelled') {
    basedOn = stored;
    setFormValue(stored);
    persistDraft();
  }
  showStale();
  replaceChildren(result, ...outcomeText(answer.value));
}

async function load(first: boolean): Promise<void> {
  app.setAttribute('aria-busy', 'true');
  reload.disabled = true;
  const answer = await channel.request({ type: first ? 'retention.ready' : 'retention.refresh' });
  reload.disabled = false;
  app.setAttribute('aria-busy', 'false');
  if (!answer.ok) {
    if (first) replaceChildren(app, h('h1', {}, 'Audit log retention'), current, h('p', {}, reload));
    showFailure(current, 'Could not read the retention period.', answer.error);
    return;
  }
  snapshot = answer.value;
  siteId = snapshot.siteId;
  if (first) {
    replaceChildren(
      app,
      h('h1', {}, 'Audit log retention'),
      h('p', { class: 'subtitle' }, h('span', { dir: 'auto' }, snapshot.siteLabel)),
      h('section', { 'aria-label': 'Stored retention period' }, current, h('p', {}, reload)),
      form,
      result,
    );
  }
  renderCurrent(snapshot);
  if (first && draft) {
    // Restore what the user had typed, and what it was based on.
    numberInput.value = draft.number;
    unitSelect.value = RETENTION_UNIT_OPTIONS.some((o) => o.value === draft?.units) ? draft.units : snapshot.current.units;
    basedOn = draft.basedOn ?? snapshot.current;
  } else if (first) {
    setFormValue(snapshot.current);
    basedOn = snapshot.current;
  } else {
    // An explicit reload: the user has now seen the stored value; what they typed stays.
    basedOn = snapshot.current;
  }
  persistDraft();
  showStale();
  const period = showValidation();
  if (period) schedulePreview(period);
}

void load(true);
