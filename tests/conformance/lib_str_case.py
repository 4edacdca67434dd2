print("Hello World".upper(), "Hello World".lower(), "hello world".title(), "hELLO wORLD".swapcase())
print("hello world".capitalize(), "HELLO".capitalize(), "they're bill's".title(), "ab_cd ef-gh".title())
print("straße".upper(), "ÀÉÎ".lower(), "àéî".upper(), "ΑΒΓ".lower(), "привет".upper(), "Σ".casefold())
print("123abc".upper(), "".upper(), "a1b2".title(), "MiXeD".casefold())
