# board for Viper: the board the program runs on, by its own names. Every pin name and alias of
# the board's definition (boards/<id>.json) is a machine.Pin here, set up when first used:
# board.LED.on(), Pin(board.BUTTON, Pin.IN). NAME is the board's id ('virtual',
# 'nucleo_f401re'); UART(), I2C(), SPI() open the board's default buses.

import _machine
import machine

NAME = _machine.board_id()


def _add_pins():
    names = globals()
    for name in _machine.board_names():
        names[name] = machine.Pin(name)


_add_pins()


def _bus(kind, cls_name):
    id = _machine.default_bus(kind)
    if id == 0 or not hasattr(machine, cls_name):
        raise ValueError('no ' + cls_name + ' on ' + NAME)
    return getattr(machine, cls_name)(id)


def UART():
    """The board's default UART."""
    return _bus(1, 'UART')


def I2C():
    """The board's default I2C bus."""
    return _bus(2, 'I2C')


def SPI():
    """The board's default SPI bus."""
    return _bus(3, 'SPI')
