class AppError(Exception):
    pass

class NotFound(AppError):
    def __init__(self, what):
        super().__init__("missing " + what)
        self.what = what

def find(name):
    raise NotFound(name)

try:
    find("config")
except AppError as e:
    print(type(e).__name__ if False else "AppError caught:", e, e.what, isinstance(e, NotFound))

try:
    raise AppError("a", 1)
except Exception as e:
    print(e.args if False else e)

class Quiet(KeyError):
    pass
try:
    raise Quiet("k")
except LookupError:
    print("lookup family")
raise NotFound("the end")
