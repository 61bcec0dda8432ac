/** `kubespec serve` settings flags: every timing scaled at once, single settings typed by their default. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOTE_DEFAULTS } from '../../spec/settings.ts';
import { settingsFromFlags } from './serve-settings.ts';

describe('serve settings', () => {
  it('scales every timing (milliseconds and seconds) and nothing else', () => {
    const s = settingsFromFlags([], 0.1);
    assert.equal(s.nodeMonitorGracePeriodMs, NOTE_DEFAULTS.nodeMonitorGracePeriodMs / 10);
    assert.equal(s.defaultTolerationSeconds, NOTE_DEFAULTS.defaultTolerationSeconds / 10);
    assert.equal(s.serviceCIDR, undefined);
    assert.equal(s.seed, undefined);
  });

  it('takes key=value with the type of the default, after scaling', () => {
    const s = settingsFromFlags(['nodeMonitorGracePeriodMs=4000', 'schedulerProfile=kubernetes', 'schedulerExplain=true'], 0.1);
    assert.deepEqual([s.nodeMonitorGracePeriodMs, s.schedulerProfile, s.schedulerExplain], [4000, 'kubernetes', true]);
  });

  it('refuses unknown keys, values of the wrong type and a scale that is not positive', () => {
    assert.throws(() => settingsFromFlags(['nope=1']), /key one of/);
    assert.throws(() => settingsFromFlags(['seed=abc']), /expected a number/);
    assert.throws(() => settingsFromFlags(['schedulerExplain=yes']), /true or false/);
    assert.throws(() => settingsFromFlags([], 0), /--time-scale/);
  });
});
