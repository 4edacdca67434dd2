def ret_in_finally():
    try:
        return "try"
    finally:
        print("finally runs before return")

print(ret_in_finally())

for i in range(3):
    try:
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
    finally:
        print("finally", i)

def loop_return():
    for x in [1, 2, 3]:
        try:
            if x == 2:
                return x
        except Exception:
            pass
    return None

print(loop_return())

while True:
    try:
        break
    finally:
        print("left the loop")
