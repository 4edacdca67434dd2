# Send a message in Morse code on the LED, over and over.
# Every time is counted in units: a dot is 1 unit of light, a dash 3;
# 1 unit dark between the parts of a letter, 3 between letters, 7 between words.
from machine import Pin
import time
import board

MESSAGE = "SOS"
UNIT_MS = 100

CODE = {
    "A": ".-", "B": "-...", "C": "-.-.", "D": "-..", "E": ".", "F": "..-.",
    "G": "--.", "H": "....", "I": "..", "J": ".---", "K": "-.-", "L": ".-..",
    "M": "--", "N": "-.", "O": "---", "P": ".--.", "Q": "--.-", "R": ".-.",
    "S": "...", "T": "-", "U": "..-", "V": "...-", "W": ".--", "X": "-..-",
    "Y": "-.--", "Z": "--..", "0": "-----", "1": ".----", "2": "..---",
    "3": "...--", "4": "....-", "5": ".....", "6": "-....", "7": "--...",
    "8": "---..", "9": "----.",
}

led = Pin(board.LED, Pin.OUT)


def send_letter(letter):
    code = CODE[letter]
    print(letter, code)
    for i, symbol in enumerate(code):
        if i > 0:
            time.sleep_ms(UNIT_MS)              # the gap inside a letter
        led.on()
        time.sleep_ms(UNIT_MS if symbol == "." else 3 * UNIT_MS)
        led.off()


while True:
    for word in MESSAGE.upper().split():
        for i, letter in enumerate(word):
            if i > 0:
                time.sleep_ms(3 * UNIT_MS)      # the gap between letters
            send_letter(letter)
        time.sleep_ms(7 * UNIT_MS)              # the gap after a word
