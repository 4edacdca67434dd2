d = {"name": "Ada", "age": 36, "langs": ["en", "fr"]}
print("{name} is {age}".format_map(d), "{name:>6}|{age:04d}|{langs[1]}".format_map(d), "{{name}}".format_map(d))
try:
    "{missing}".format_map(d)
except KeyError as e:
    print("KeyError:", e)
print("%(name)s/%(age)x" % d, "{0}-{0!r}".format("z"))
