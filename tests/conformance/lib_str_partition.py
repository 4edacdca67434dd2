print("a=b=c".partition("="), "a=b=c".rpartition("="), "abc".partition("x"), "abc".rpartition("x"))
print("key: value".partition(": "), "".partition("x"), "xx".partition("x"), "日本=語".partition("="))
print("path/to/file.txt".rpartition("/")[2], "file.tar.gz".rpartition(".")[0], "no dot".rpartition("."))
