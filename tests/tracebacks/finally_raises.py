# An exception in a finally clause that runs because of another one; the first was being handled.
def close(resource):
    raise RuntimeError("close failed for " + resource)


def use(resource):
    try:
        return [1, 2][5]
    finally:
        close(resource)


def main():
    for name in ["a", "b"]:
        try:
            use(name)
        except RuntimeError as e:
            print("handled:", e, "| context:", repr(e.__context__))
    use("c")


main()
