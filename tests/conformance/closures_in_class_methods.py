def make_class(prefix):
    def label(self):
        return prefix + self.name
    return label

label = make_class("item:")

class Thing:
    def __init__(self, name):
        self.name = name
    def tagger(self):
        def tag(s):
            return self.name + "/" + s
        return tag

print(label(Thing("a")))
t = Thing("root")
print(t.tagger()("leaf"))
