# Sensor readings kept as namedtuples: sorted, grouped, printed as a table with % formatting,
# unpacked, compared and used as dict keys, the way a data-logging script does.
from collections import namedtuple

Reading = namedtuple("Reading", "sensor hour value")
Range = namedtuple("Range", ["low", "high"], defaults=[100.0])
Key = namedtuple("Key", "sensor hour")

raw = [("temp", 9, 21.5), ("hum", 9, 40.0), ("temp", 10, 23.25), ("hum", 10, 38.5),
       ("temp", 11, 26.0), ("co2", 11, 612.0), ("hum", 11, 35.0)]
readings = [Reading(*r) for r in raw]
limits = {"temp": Range(18.0, 25.0), "hum": Range(30.0), "co2": Range(400.0, 600.0)}

print("%-5s %4s %8s  %s" % ("name", "hour", "value", "status"))
for r in sorted(readings):
    lo, hi = limits[r.sensor]
    status = "ok" if lo <= r.value <= hi else "HIGH" if r.value > hi else "low"
    print("%-5s %4d %8.2f  %s" % (r + (status,)))

by_key = {Key(r.sensor, r.hour): r.value for r in readings}
print(by_key[("temp", 10)], by_key[Key("hum", 11)], len(by_key))

latest = max(readings, key=lambda r: r.hour)
sensor, hour, value = latest
print(sensor, hour, value, latest[2], latest[-3], latest[:2], latest == ("temp", 11, 26.0))
print(isinstance(latest, tuple), type(latest).__name__, Reading._fields, len(latest))
print(tuple(latest), list(latest), latest.count(11), latest.index(11))
print(latest._asdict())
print(latest._replace(value=0.0), Reading._make(["x", 1, 2.0]))
print(Range(1.0), Range(1.0) < Range(2.0), Range(1.0) + (5,), hash(Range(1.0, 2.0)) == hash((1.0, 2.0)))
print("%s-%s" % Range(3.0, 4.0), "{}|{}".format(*Range(5.0)), "%r" % (Range(6.0),))

totals = {}
for r in readings:
    count, total = totals.get(r.sensor, (0, 0.0))
    totals[r.sensor] = (count + 1, total + r.value)
for name, (count, total) in sorted(totals.items()):
    print("%-5s n=%d mean=%.2f" % (name, count, total / count))

try:
    latest.value = 1
except AttributeError as e:
    print("AttributeError")
for bad in [lambda: Reading("a", 1), lambda: Reading("a", 1, 2, 3), lambda: Reading._make([1])]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
