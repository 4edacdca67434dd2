# Importing this fails halfway.
started = True
raise ValueError("module failed to load")
