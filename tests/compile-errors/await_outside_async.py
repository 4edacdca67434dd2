# error: 5:13 'await' outside async function
import time

def read_sensor():
    value = await time.sleep(1)
    return value
