# A module with state, imported by import_state.py.
count = 0

def bump():
    global count
    count += 1
    return count
