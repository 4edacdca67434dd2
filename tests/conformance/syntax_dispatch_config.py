# A small device shell: commands in a dispatch table assembled from several groups with `**`,
# settings merged from defaults, a saved profile and command-line overrides, and resources
# opened together in one parenthesised `with`.

def led_on(state, *args):
    state["led"] = True
    return "led on"


def led_off(state, *args):
    state["led"] = False
    return "led off"


def set_speed(state, value="1"):
    state["speed"] = int(value)
    return f"speed {state['speed']}"


def status(state):
    return ", ".join(f"{k}={v}" for k, v in sorted(state.items()))


LED_COMMANDS = {"on": led_on, "off": led_off}
MOTOR_COMMANDS = {"speed": set_speed, "stop": lambda state: set_speed(state, "0")}
ALIASES = {"s": set_speed, "st": status}

COMMANDS = {**LED_COMMANDS, **MOTOR_COMMANDS, "status": status, **ALIASES}


def run(state, line):
    name, *args = line.split()
    handler = COMMANDS.get(name)
    if handler is None:
        return f"unknown command {name!r}; try one of {', '.join(sorted(COMMANDS))}"
    try:
        return handler(state, *args)
    except (TypeError, ValueError) as e:
        return f"{name}: {type(e).__name__}"


DEFAULTS = {"baud": 115200, "retries": 3, "log": "info", "pins": (2, 3)}
PROFILE = {"log": "debug", "retries": 5}
OVERRIDES = {"baud": 9600}

config = {**DEFAULTS, **PROFILE, **OVERRIDES}
print(config)
print({**DEFAULTS, "log": "quiet"} == dict(DEFAULTS, log="quiet"))
print({"log": "first", **PROFILE}["log"], {**PROFILE, "log": "last"}["log"])
layered = {}
for layer in (DEFAULTS, PROFILE, {}, OVERRIDES):
    layered = {**layered, **layer}
print(layered == config, list(layered))
try:
    broken = {**DEFAULTS, **None}
except TypeError as e:
    print("TypeError:", e)

state = {"led": False, "speed": 0}
for line in ["on", "speed 7", "status", "s 3", "st", "off", "stop", "status", "speed fast", "jump"]:
    print(f"> {line:<10} {run(state, line)}")


class Resource:
    opened = []

    def __init__(self, name, fail=False):
        self.name, self.fail = name, fail

    def __enter__(self):
        if self.fail:
            raise RuntimeError(f"cannot open {self.name}")
        Resource.opened.append(self.name)
        return self

    def __exit__(self, kind, value, tb):
        Resource.opened.remove(self.name)
        print(f"  closed {self.name}" + (f" after {kind.__name__}" if kind else ""))
        return kind is KeyError  # a missing key is not worth stopping for


with (Resource("uart") as uart, Resource("spi") as spi):
    print("open:", Resource.opened, uart.name, spi.name)

with (
    Resource("i2c") as bus,
    Resource("display"),
):
    print("open:", Resource.opened)
    {}["missing"]
print("after suppressed KeyError:", Resource.opened)

try:
    with (Resource("adc") as adc, Resource("dac", fail=True) as dac):
        print("not reached")
except RuntimeError as e:
    print("RuntimeError:", e, Resource.opened)


def drain(queue):
    handled = []
    for item in queue:
        try:
            if item <= 0:
                return "stopped"
            handled.append(item * 2)
        finally:
            if item == 0:
                continue  # a zero is only a pause: the stop is cancelled
    return handled


print(drain([1, 2, 3]), drain([1, -1, 4]), drain([1, 0, 4, 0]))
total = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19 + 20
print(total, (*range(3), *"ab"), {*range(3), *[2, 5]})
