# Talk over a UART (a serial port): it shows a prompt, echoes each character
# you type so you can see it, and answers each line when you press Enter.
# On the Virtual board, type in the UART tab of the board panel.
from machine import UART
import time

uart = UART(1, baudrate=9600)
ENTER = (10, 13)                 # the bytes of "\n" and "\r"

uart.write("Type a line and press Enter\r\n> ")
print("UART 1 ready: type in the UART tab")

line = b""
while True:
    if uart.any():
        for byte in uart.read():           # all the bytes waiting; each is a number
            if byte in ENTER:
                if line:                   # ("\r\n" ends a line once, not twice)
                    uart.write(b"\r\nyou said: " + line + b"\r\n> ")
                    print("received:", line.decode())
                    line = b""
            else:
                uart.write(bytes([byte]))  # echo it back
                line += bytes([byte])
    time.sleep_ms(10)                      # let the board rest between checks
