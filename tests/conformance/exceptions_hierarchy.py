errors = [ZeroDivisionError, KeyError, IndexError, ValueError, TypeError, UnboundLocalError, RecursionError]
for cls in errors:
    try:
        raise cls("x")
    except ArithmeticError:
        print(cls.__name__ if False else "arith")
    except LookupError:
        print("lookup")
    except NameError:
        print("name")
    except RuntimeError:
        print("runtime")
    except Exception:
        print("exception")
print(issubclass(KeyError, LookupError) if False else isinstance(KeyError("k"), LookupError))
