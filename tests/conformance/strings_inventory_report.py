# A stock report: parse a small config-like text format, validate fields, and print aligned
# tables with str methods, str.format and printf-style formatting.

RAW = """
# warehouse inventory  (sku | name | qty | price | tags)
A-100 | steel bolt M4      |  250 |  0.12 | hardware, small
A-101 | steel nut m4       |  1200|  0.05 | hardware,small
B-220 | LED red 5mm        |   75 |  0.30 | electronics ; optics
B-221 | led GREEN 5mm      |    0 |  0.30 | electronics
C-001 | Raspberry  Pico    |   12 |  4.00 | boards
C-002\t| ESP32 devkit       |    3 | 7.5   | boards, wifi
bad line without separators
D-9   | tape, insulating   |  -4  |  1.10 | misc
E-500 | ½ inch pipe        |  x7  |  2.00 | plumbing
"""


def parse(text):
    items, problems = [], []
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.expandtabs(4).strip()
        if not line or line.startswith("#"):
            continue
        if line.count("|") != 4:
            problems.append("line %d: expected 5 fields, got %d" % (lineno, line.count("|") + 1))
            continue
        sku, name, qty, price, tags = [f.strip() for f in line.split("|")]
        if not qty.lstrip("-").isdigit():
            problems.append("line %d: quantity %r is not a number" % (lineno, qty))
            continue
        if int(qty) < 0:
            problems.append("line %d: negative quantity for %s" % (lineno, sku))
            continue
        letter, _, number = sku.partition("-")
        tag_list = [t.strip().lower() for t in tags.replace(";", ",").split(",") if t.strip()]
        items.append({
            "sku": letter + "-" + number.zfill(3),
            "name": " ".join(name.split()).title(),
            "qty": int(qty),
            "price": float(price),
            "tags": tag_list,
        })
    return items, problems


items, problems = parse(RAW)

width = 52
print("=" * width)
print("INVENTORY".center(width))
print("=" * width)
header = "{:<7}{:<20}{:>6}{:>9}{:>10}".format("SKU", "Name", "Qty", "Price", "Value")
print(header)
print("-" * len(header))
total = 0.0
for it in sorted(items, key=lambda i: (-i["qty"] * i["price"], i["sku"])):
    value = it["qty"] * it["price"]
    total += value
    flag = " !" if it["qty"] == 0 else ""
    print("{sku:<7}{name:<20.19}{qty:>6d}{price:>9.2f}{value:>10,.2f}{flag}".format(value=value, flag=flag, **it))
print("-" * len(header))
print("{:<33}{:>19,.2f}".format("Total stock value", total))
print()

# tags as a frequency table with justified columns
counts = {}
for it in items:
    for t in it["tags"]:
        counts[t] = counts.get(t, 0) + 1
print("%-14s %s" % ("tag", "items"))
for tag in sorted(counts, key=lambda t: (-counts[t], t)):
    print("%-14s %s" % (tag, ("#" * counts[tag]).ljust(4, ".") + " " + str(counts[tag]).rjust(2, "0")))
print()

# search the names in several ways
names = [it["name"] for it in items]
print("with 'led':", [n for n in names if "led" in n.lower()])
print("first 'e' at:", [n.lower().find("e") for n in names])
print("last 'e' at:", [n.rfind("e", 0, 8) for n in names])
print("ending in digit+'mm':", [n for n in names if n.endswith(("mm", "MM")) and n[-3].isdigit()])
print("swapcase:", names[0].swapcase(), "| casefold:", "STRASSE".casefold() == "straße".casefold())
print("vowel-free:", names[2].translate(str.maketrans("", "", "aeiouAEIOU")))
print("initials:", "".join(w[0] for w in names[-1].split()), "| pieces:", names[-1].rsplit(" ", 1))

print()
print("Problems (%d):" % len(problems))
for p in problems:
    head, sep, tail = p.partition(": ")
    print("  " + head.upper().ljust(9, ".") + sep + tail.capitalize())
