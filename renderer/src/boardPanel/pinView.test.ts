import { ledBrightness, modeWord, valueWords } from './pinView';

describe('pin view', () => {
  test('an LED lights with its output level, glows with its PWM duty, and is dark otherwise', () => {
    expect(ledBrightness({ pin: 13, mode: 'output', value: 1 })).toBe(1);
    expect(ledBrightness({ pin: 13, mode: 'output', value: 0 })).toBe(0);
    expect(ledBrightness({ pin: 9, mode: 'pwm', value: 32768 })).toBeCloseTo(0.5, 3);
    expect(ledBrightness({ pin: 9, mode: 'pwm', value: 65535 })).toBe(1);
    expect(ledBrightness({ pin: 13, mode: 'input', value: 1 })).toBe(0);
    expect(ledBrightness(undefined)).toBe(0);
  });

  test('the pin list says mode and value in words', () => {
    expect([modeWord({ pin: 3, mode: 'open_drain', value: 0 }), valueWords({ pin: 3, mode: 'open_drain', value: 0 })]).toEqual(['open-drain', 'low']);
    expect(valueWords({ pin: 9, mode: 'pwm', value: 16384 })).toBe('duty 25.0 %');
    expect(valueWords({ pin: 16, mode: 'adc', value: 1234 })).toBe('1234');
    expect(valueWords({ pin: 2, mode: 'input', value: 1 })).toBe('high');
    expect(valueWords({ pin: 14, mode: 'bus', value: 0 })).toBe('');
  });
});
