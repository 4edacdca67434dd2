class Log:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        print("enter", self.tag)
        return self.tag
    def __exit__(self, *args):
        print("exit", self.tag)

def early(x):
    with Log("fn") as t:
        if x:
            return t + "!"
        print("no return")
    return "end"

print(early(True))
print(early(False))
for i in range(3):
    with Log(i):
        if i == 0:
            continue
        if i == 1:
            break
print("loop done")
