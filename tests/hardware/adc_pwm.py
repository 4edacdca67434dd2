# machine.ADC and machine.PWM on the Virtual board (the knobs start half way).
from machine import ADC, PWM, Pin

knob = ADC('KNOB')
print(knob, knob.read_u16(), knob.read_uv())
print(ADC(Pin('A1')).read_u16(), ADC(19).read_u16())

led2 = PWM('LED2', freq=1000, duty_u16=16384)
print(led2, led2.freq(), led2.duty_u16(), led2.duty_ns())
led2.duty_ns(500000)
print(led2.duty_u16())
led2.freq(2000)
print(led2, led2.duty_ns())
# D10 shares D9's timer; D5 has its own
d10 = PWM('D10', freq=50)
print(d10.freq(), PWM('D5').freq())
led2.init(freq=100, duty_u16=65535)
print(led2)
led2.deinit()
p = PWM(Pin('D3'), duty_u16=1)
print(p)

def fails(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ':', e)

fails(lambda: ADC('D2'))
fails(lambda: ADC('LED'))
fails(lambda: PWM('A0'))
fails(lambda: PWM('D9', freq=0))
fails(lambda: PWM('D9', freq=2000000))
fails(lambda: PWM('D9', duty_u16=70000))
fails(lambda: PWM('D9', duty_u16=-1))
fails(lambda: ADC('X1'))
