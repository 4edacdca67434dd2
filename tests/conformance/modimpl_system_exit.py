# An uncaught SystemExit ends the program quietly with its status; finally blocks still run.
import sys


def leave():
    try:
        print("leaving")
        sys.exit(4)
    finally:
        print("cleanup ran")


try:
    sys.exit(0)
except SystemExit as e:
    print("caught", e.args)
try:
    raise SystemExit("message")
except SystemExit as e:
    print("caught", e)
leave()
print("not reached")
