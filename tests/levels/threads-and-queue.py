# A program whose image (~23.5 KB, with the library modules it imports) is too big for a board with 16 KB slots.
import threading
import queue

q = queue.Queue()
def produce():
    for i in range(3):
        q.put(i * i)
    q.put(None)
threading.Thread(target=produce).start()
got = []
while True:
    item = q.get()
    if item is None:
        break
    got.append(item)
print("queued", got)
