# machine's module functions.
import machine
print(machine.unique_id(), type(machine.unique_id()).__name__)
print(machine.freq() > 0, machine.irq_dropped())
print(machine.idle())
print(sorted(n for n in dir(machine) if not n.startswith('_') and n[0].isupper()))
print('reset ends the program')
machine.reset()
print('not reached')
