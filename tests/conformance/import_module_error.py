try:
    import modimpl_raises
except ValueError as e:
    print("import failed:", e)
import modimpl_raises
