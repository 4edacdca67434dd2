# StateChangeDetection, from the Arduino examples: count the button presses by noticing when
# the button's state changes (not while it is held), and light the LED on every 4th press.
import time

from machine import Pin
import board

button = Pin(board.BUTTON, Pin.IN)
led = Pin(board.LED, Pin.OUT)

# What the button reads when nobody presses it: 0 on the Virtual board, 1 on boards whose
# button pulls the pin low (a Nucleo's). Read at the start, so the program works on both.
released = button.value()
presses = 0
last_state = released

while True:
    state = button.value()
    if state != last_state:   # the state changed: pressed or released
        if state != released:
            presses += 1
            print('on')
            print('number of button pushes:', presses)
        else:
            print('off')
        time.sleep_ms(50)     # wait out the contacts' bouncing (Arduino: delay(50))
    last_state = state

    # every 4th press turns the LED on (% is the remainder of the division)
    if presses % 4 == 0:
        led.on()
    else:
        led.off()
