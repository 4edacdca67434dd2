class Resource:
    def __init__(self, name):
        self.name = name
        self.open = False
    def __enter__(self):
        self.open = True
        print("open", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        self.open = False
        print("close", self.name, exc_type is None)
        return False

with Resource("r1") as r:
    print("using", r.name, r.open)
print("after", r.open)
with Resource("outer") as a, Resource("inner") as b:
    print(a.name, b.name)
