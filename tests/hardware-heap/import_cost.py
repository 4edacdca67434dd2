# What importing machine and board costs the heap (gc.mem_alloc() after a collection).
import gc
gc.collect()
a = gc.mem_alloc()
import machine
gc.collect()
b = gc.mem_alloc()
import board
gc.collect()
print(b - a, gc.mem_alloc() - b)
