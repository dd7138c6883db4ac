// The vscode-free emitter: listeners in the order they subscribed, each until its subscription is disposed.
import * as assert from 'node:assert/strict';
import { Emitter } from '../../../src/model/emitter';

describe('model/emitter', () => {
  it('calls every listener with the value, until its subscription or the emitter is disposed', () => {
    const emitter = new Emitter<number>();
    const seen: string[] = [];
    const first = emitter.event((n) => seen.push(`first ${n}`));
    emitter.event((n) => seen.push(`second ${n}`));
    emitter.fire(1);
    first.dispose();
    emitter.fire(2);
    emitter.dispose();
    emitter.fire(3);
    assert.deepEqual(seen, ['first 1', 'second 1', 'second 2']);
  });

  it('lets a listener unsubscribe another while the event is being delivered', () => {
    const emitter = new Emitter<void>();
    const seen: string[] = [];
    const later = { dispose: (): void => undefined };
    emitter.event(() => {
      seen.push('first');
      later.dispose();
    });
    Object.assign(later, emitter.event(() => seen.push('second')));
    emitter.fire();
    emitter.fire();
    assert.deepEqual(seen, ['first', 'second', 'first'], 'delivery in progress finishes; the next one skips it');
  });
});
