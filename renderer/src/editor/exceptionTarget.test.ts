import { exceptionTarget } from './exceptionTarget';

const report = {
  type: 'ValueError', message: 'helper broke',
  frames: [
    { file: 'main.py', function: '<module>', line: 3 },
    { file: 'helper.py', function: 'fail', line: 6 },
    { file: 'math', function: 'sqrt', line: 1 },
  ],
};

describe('exceptionTarget', () => {
  it('is the innermost frame in an open file', () => {
    expect(exceptionTarget(report, f => f.endsWith('.py'))).toEqual({ file: 'helper.py', line: 6, text: 'ValueError: helper broke' });
  });

  it('falls back to an outer frame when the inner file is not open', () => {
    expect(exceptionTarget(report, f => f === 'main.py')).toEqual({ file: 'main.py', line: 3, text: 'ValueError: helper broke' });
  });

  it('is nothing when no frame is in an open file, and the bare type without a message', () => {
    expect(exceptionTarget(report, () => false)).toBeNull();
    expect(exceptionTarget({ ...report, message: '' }, f => f === 'main.py')?.text).toBe('ValueError');
  });
});
