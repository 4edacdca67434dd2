# Your first Viper program: press Run and watch the console.
print("hello", 1 + 2)
