# _thread.stack_size() without a size puts the default (0) back and returns the size before,
# as MicroPython's tests/thread/thread_stacksize1.py relies on; threading.stack_size is the same.
import _thread
import threading

print(_thread.stack_size())
print(_thread.stack_size(512 * 1024))
print(_thread.stack_size() == 512 * 1024)
print(_thread.stack_size())
print(threading.stack_size(256 * 1024), threading.stack_size(), threading.stack_size())
done = []
_thread.stack_size(512 * 1024)
t = threading.Thread(target=lambda: done.append(1))
t.start()
t.join()
print(done, threading.stack_size(0), threading.stack_size())
