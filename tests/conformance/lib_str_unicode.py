s = "añb€c😀d"
print(len(s), s[1], s[3], s[5], s[-2], s[1:4], s[::-1], list(s), s.find("€"), s.index("😀"), s.count("b"))
print(s.upper(), s.encode(), len(s.encode()), s.encode().decode() == s, "€" in s, s.split("€"), s.replace("€", "E"))
print(s.center(11, "·"), s.ljust(9, "~"), s.rjust(9), s.partition("€"), ord(s[5]), chr(ord(s[5])) == s[5])
for ch in "é😀":
    print(ch, ord(ch), repr(ch), ascii(ch))
print(sorted("żźa"), "Ä" < "ä", max("abc€"), min("€ab"))
