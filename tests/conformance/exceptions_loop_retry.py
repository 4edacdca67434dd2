attempts = 0
results = []
while True:
    attempts += 1
    try:
        if attempts < 3:
            raise RuntimeError("try again")
        results.append("success")
        break
    except RuntimeError as e:
        results.append(str(e))
print(attempts, results)

for value in ["1", "x", "3"]:
    try:
        n = int(value)
    except ValueError:
        print("skip", value)
        continue
    else:
        print("parsed", n)
