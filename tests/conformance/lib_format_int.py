for spec in ["", "d", "5d", "<5d", "^5d", "=+6d", "+d", " d", "-d", "05d", "x", "X", "#x", "#X", "o", "#o", "b", "#b", "08b", "#010b", ",", "_", "_x", "_b", "10,", "010,", "c", "n", "e", ".2f", "%", "*>8", "é^7"]:
    print(repr(spec), repr(format(1234, spec)), repr(format(-42, spec)) if spec != "c" else "", repr(format(0, spec)))
print(format(True, ""), format(True, "d"), format(False, ">5"), format(2 ** 70, ","), format(-2 ** 70, "#x"), format(2 ** 70, "_b"))
