import { boardsWords, usesHardware, usesWords, wiringWords } from './exampleWords';

describe('how a gallery card words an example', () => {
  it('names what of the board it uses, or says it is pure Python', () => {
    expect(usesWords([])).toBe('Pure Python');
    expect(usesWords(['pin', 'adc', 'threads'])).toBe('Uses pins, analog input (ADC), threads');
  });

  it('counts threads alone as no hardware: the board panel is for pins and buses', () => {
    expect(usesHardware([])).toBe(false);
    expect(usesHardware(['threads'])).toBe(false);
    expect(usesHardware(['threads', 'timer'])).toBe(true);
    expect(usesHardware(['uart'])).toBe(true);
  });

  it('says what to connect, and that the Virtual board has it when the example runs there', () => {
    expect(wiringWords({ wiring: '', virtual: true })).toBe('Nothing to connect');
    expect(wiringWords({ wiring: 'an SHT31 on I2C', virtual: true })).toBe('On a real board, connect an SHT31 on I2C; the Virtual board has it built in');
    expect(wiringWords({ wiring: 'a buzzer on D5', virtual: false })).toBe('Connect a buzzer on D5');
  });

  it('names the boards an example is written for by their names', () => {
    expect(boardsWords(['any'], {})).toBe('Runs on any board');
    expect(boardsWords(['arduino_due', 'mystery'], { arduino_due: 'Arduino Due' })).toBe('Written for Arduino Due, mystery');
  });
});
