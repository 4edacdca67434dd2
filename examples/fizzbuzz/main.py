# FizzBuzz: multiples of 3 say Fizz, of 5 say Buzz, of both say FizzBuzz.
for i in range(1, 21):
    if i % 15 == 0:
        print("FizzBuzz")
    elif i % 3 == 0:
        print("Fizz")
    elif i % 5 == 0:
        print("Buzz")
    else:
        print(i)
