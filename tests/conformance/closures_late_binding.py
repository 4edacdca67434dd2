def make():
    fs = []
    for i in range(3):
        def f():
            return i
        fs.append(f)
    return fs

for f in make():
    print(f())

def param_cell(x):
    def show():
        return x * 2
    x = x + 1
    return show

print(param_cell(5)())
