import _thread
lock = _thread.allocate_lock()
lock.acquire()
def worker():
    y = 1
    lock.release()
main_ident = _thread.get_ident()
_thread.start_new_thread(worker, ())
lock.acquire()
print('joined')
