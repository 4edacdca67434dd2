# machine and board on a Nucleo's heap: run with --heap 28k. Pin, ADC, PWM and Timer objects.
import machine, board
from machine import Pin, ADC, PWM, Timer
led = Pin('LED', Pin.OUT, value=1)
print(led, led.value(), board.LED is led)
print(ADC(board.KNOB).read_u16(), PWM(board.LED2, freq=500, duty_u16=1000))
t = Timer(-1)
t.init(mode=Timer.ONE_SHOT, period=5)
print(t, machine.irq_dropped())
t.deinit()
led.toggle()
print(led.value(), board.NAME)
