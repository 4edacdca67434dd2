# AnalogReadSerial, from the Arduino examples: read the knob (a potentiometer) on A0 and
# print the value. Open the Plotter to see it as a line while you turn the knob.
import time

from machine import ADC, Pin

sensor = ADC(Pin('A0'))   # Arduino: analogRead(A0)

while True:
    # read_u16() is 0..65535 on every board; shifting right by 6 bits gives Arduino's 0..1023
    value = sensor.read_u16() >> 6
    print(value)           # Arduino: Serial.println(sensorValue)
    time.sleep_ms(100)     # Arduino waits delay(1); 100 ms keeps the console readable
