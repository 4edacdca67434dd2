# A pystone-like mix: records, calls, string compares, array updates.
class Record:
    def __init__(self, ptr=None, discr=0, enum=0, intcomp=0, strcomp=""):
        self.ptr = ptr
        self.discr = discr
        self.enum = enum
        self.intcomp = intcomp
        self.strcomp = strcomp

    def copy(self):
        return Record(self.ptr, self.discr, self.enum, self.intcomp, self.strcomp)

def proc7(a, b):
    return a + 2 + b

def func1(c1, c2):
    return 0 if c1 != c2 else 1

def func2(s1, s2):
    i = 1
    while i <= 1:
        if func1(s1[i], s2[i + 1]) == 0:
            i += 1
    return s1 > s2

array = [0] * 51
glob = Record(None, 0, 2, 17, "DHRYSTONE PROGRAM, SOME STRING")
total = 0
for loop in range(300000):
    r = glob.copy()
    r.intcomp = proc7(loop % 10, 3)
    array[loop % 51] = r.intcomp
    if func2("DHRYSTONE PROGRAM, 1'ST STRING", "DHRYSTONE PROGRAM, 2'ND STRING"):
        total += 1
    total += array[loop % 51]
print(total)
