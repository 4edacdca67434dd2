# A traffic light as a state machine: the light is always in one state
# (green, amber or red), and each state says when to move to the next.
# Cars keep green until a pedestrian presses the button.
# The Virtual board has a green LED (LED) and an amber one (LED2): red is both off.
from machine import Pin
import time
import board

green = Pin(board.LED, Pin.OUT)
amber = Pin(board.LED2, Pin.OUT)
button = Pin(board.BUTTON, Pin.IN)

MIN_GREEN_MS = 2000     # cars get at least this long
AMBER_MS = 1000
RED_MS = 2000           # pedestrians cross

state = "green"
entered = time.ticks_ms()   # when the light went into this state
waiting = False             # a pedestrian pressed the button


def press(pin):
    global waiting
    if not waiting:
        waiting = True
        print("pedestrian waiting")


button.irq(press, Pin.IRQ_RISING, debounce=50)


def change(new_state):
    global state, entered
    state = new_state
    entered = time.ticks_ms()
    green.value(state == "green")
    amber.value(state == "amber")
    print(state)


change("green")
while True:
    elapsed = time.ticks_diff(time.ticks_ms(), entered)
    if state == "green" and waiting and elapsed >= MIN_GREEN_MS:
        change("amber")
    elif state == "amber" and elapsed >= AMBER_MS:
        change("red")
        waiting = False     # they cross now; the next press asks again
    elif state == "red" and elapsed >= RED_MS:
        change("green")
    time.sleep_ms(20)
