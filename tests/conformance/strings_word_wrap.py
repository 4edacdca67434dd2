# Word wrapping and full justification, the way a small text-display driver would do it:
# split paragraphs, break long words, justify lines, then frame them in a box.

TEXT = """Viper runs Python on small boards.  It compiles on the desktop and ships
a compact image over the serial link; the VM then executes it with a tiny heap.

Long identifiers like configure_the_uart_peripheral_before_use must still be broken
somewhere sensible.\tTabs\tbecome spaces.

Short."""


def paragraphs(text):
    return [" ".join(p.split()) for p in text.expandtabs(1).split("\n\n") if p.strip()]


def wrap(par, width):
    lines, line = [], ""
    for word in par.split(" "):
        while len(word) > width:                       # hard-break a word longer than a line
            room = width - len(line) - (1 if line else 0)
            if room < 2:
                lines.append(line)
                line, room = "", width
            head, word = word[:room - 1] + "-", word[room - 1:]
            line = (line + " " + head).lstrip()
            lines.append(line)
            line = ""
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def justify(line, width):
    words = line.split()
    if len(words) == 1:
        return line.ljust(width)
    gaps = len(words) - 1
    spaces = width - sum(len(w) for w in words)
    out = ""
    for i, w in enumerate(words[:-1]):
        n = spaces // gaps + (1 if i < spaces % gaps else 0)
        out += w + " " * n
    return out + words[-1]


def render(text, width, mode):
    rows = []
    for p in paragraphs(text):
        lines = wrap(p, width)
        for i, ln in enumerate(lines):
            last = i == len(lines) - 1
            if mode == "justify":
                rows.append(ln.ljust(width) if last else justify(ln, width))
            elif mode == "center":
                rows.append(ln.center(width, "."))
            else:
                rows.append(ln.rjust(width))
        rows.append("")
    return rows[:-1]


for width, mode in ((28, "justify"), (20, "center"), (16, "right")):
    rows = render(TEXT, width, mode)
    title = " %s %d " % (mode, width)
    print("+" + title.center(width + 2, "-") + "+")
    for r in rows:
        assert len(r) <= width, r
        print("| %s |" % r.ljust(width))
    print("+" + "-" * (width + 2) + "+")
    words = sum(len(r.split()) for r in rows)
    longest = max(rows, key=len)
    print("%d rows, %d words, fullest row %r" % (len(rows), words, longest.strip()))
    print()

# statistics over the words, with str methods doing the cleaning
words = [w.strip(".,;").lower() for w in TEXT.split()]
stats = {}
for w in words:
    if w.isalpha():
        stats[len(w)] = stats.get(len(w), 0) + 1
for n in sorted(stats):
    print("{:>2} letters: {:<12} {}".format(n, "*" * stats[n], stats[n]))
print("identifiers:", [w for w in words if w.isidentifier() and "_" in w])
print("capitalised:", [w for w in TEXT.split() if w.istitle()])
print("sentences:", [s.strip().split(" ")[0] for s in TEXT.replace("\n", " ").split(".") if s.strip()])
