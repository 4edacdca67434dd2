# input() in a thread: the others keep printing while it waits for its line.
import time
got = []

def reader():
    got.append(input("name? "))

r = thread(reader)
i = 0
while not got:
    print("tick", i)
    i += 1
    time.sleep(0.01)
r.join()
print("hello", got[0])
