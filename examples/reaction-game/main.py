# How fast are you? Wait for the LED, then press the button as quickly as you can.
# time.ticks_ms() counts milliseconds; ticks_diff(later, earlier) is the time between two
# counts (it stays right when the counter wraps around, which a plain subtraction does not).
import random
import time

from machine import Pin
import board

led = Pin(board.LED, Pin.OUT)
button = Pin(board.BUTTON, Pin.IN)
# What the button reads when nobody presses it: 0 on the Virtual board, 1 on boards whose
# button pulls the pin low (a Nucleo's). Read at the start, so the game works on both.
RELEASED = button.value()


def pressed():
    return button.value() != RELEASED


def wait_for_release():
    while pressed():
        time.sleep_ms(10)


print('Reaction game: press the button as soon as the LED lights up.')
best = None
while True:
    led.off()
    print('get ready...')
    wait_ms = random.randint(1000, 3000)   # a random wait, so nobody can guess the moment
    start = time.ticks_ms()
    too_soon = False
    while time.ticks_diff(time.ticks_ms(), start) < wait_ms:
        if pressed():
            too_soon = True
            break
        time.sleep_ms(1)
    if too_soon:
        print('too soon! wait for the LED')
        wait_for_release()
        time.sleep_ms(1000)
        continue

    led.on()
    lit = time.ticks_ms()
    while not pressed():
        pass   # a tight loop: the press is seen within a millisecond
    reaction = time.ticks_diff(time.ticks_ms(), lit)
    led.off()
    if best is None or reaction < best:
        best = reaction
    print(f'reaction time: {reaction} ms (best {best} ms)')
    wait_for_release()
    time.sleep_ms(1000)
