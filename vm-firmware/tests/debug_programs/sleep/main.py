import time
print('sleeping')
time.sleep(5)
print('woke')
