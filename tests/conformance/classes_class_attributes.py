class Config:
    defaults = {"debug": False}
    count = 0

    def __init__(self):
        Config.count += 1
        self.values = dict(Config.defaults)

a = Config()
b = Config()
a.values["debug"] = True
print(a.values, b.values, Config.count)
Config.version = 2
print(a.version, b.version)
a.version = 3
print(a.version, b.version, Config.version)
print(Config.__name__)
