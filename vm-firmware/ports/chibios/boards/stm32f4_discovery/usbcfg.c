/* USB descriptors and events of the STM32F4-Discovery's link: one CDC ACM serial port on OTG FS
 * (a communication interface with an interrupt endpoint, a data interface with two bulk ones),
 * served by ChibiOS's SerialUSB driver. UNTESTED on hardware.
 *
 * Identity: ST's virtual COM port id 0483:5740, which ST's USB examples and ChibiOS's demos use.
 * Many STM32 gadgets answer with it, so the IDE does not take it to mean this board: it probes
 * the port, and the VM's INFO frame names the board (main/devices/identifyBoard.ts). The serial
 * number is the chip's 96-bit unique id in hex, so the IDE can tell two Discoveries apart. */
#include <stdint.h>

#include "hal.h"

#include "port_chibios.h"
#include "usbcfg.h"

SerialUSBDriver viper_sdu;

/* Endpoints: 1 = bulk data both ways, 2 = interrupt IN (CDC notifications, never sent). */
#define DATA_EP         1u
#define NOTIFY_EP       2u
#define DATA_SIZE       64u    /* the largest bulk packet at full speed */
#define NOTIFY_SIZE     16u

#define UNIQUE_ID_ADDRESS  0x1FFF7A10u   /* STM32F4: 12 bytes written at the factory */

static const uint8_t device_descriptor_data[18] = {
  USB_DESC_DEVICE(0x0200,        /* bcdUSB: USB 2.0 (full speed) */
                  0x02,          /* bDeviceClass: CDC */
                  0x00, 0x00,    /* subclass, protocol: given per interface */
                  0x40,          /* bMaxPacketSize0 */
                  0x0483,        /* idVendor: STMicroelectronics */
                  0x5740,        /* idProduct: virtual COM port */
                  0x0100,        /* bcdDevice */
                  1, 2, 3,       /* strings: manufacturer, product, serial number */
                  1)             /* bNumConfigurations */
};

#define CONFIG_SIZE 67u
static const uint8_t config_descriptor_data[] = {
  USB_DESC_CONFIGURATION(CONFIG_SIZE, 2, 1, 0,
                         0xC0,   /* self powered: the board runs from its ST-LINK USB port */
                         50),    /* 100 mA at most from this one */
  /* Interface 0: communication class, abstract control model, protocol 0 ("none", not AT
   * commands): in its strict filter policy (Debian's and Ubuntu's default) Linux's ModemManager
   * probes an ACM port that claims AT commands as a modem, sending AT probes into the VM's link
   * and holding the port some 10 s after every plug-in. cdc-acm and usbser bind it all the same. */
  USB_DESC_INTERFACE(0, 0, 1, 0x02, 0x02, 0x00, 0),
  /* CDC header (bcdCDC 1.10), call management (no call handling; data on interface 1),
   * abstract control management (line coding and control line state), union (0 controls 1). */
  USB_DESC_BYTE(5), USB_DESC_BYTE(0x24), USB_DESC_BYTE(0x00), USB_DESC_BCD(0x0110),
  USB_DESC_BYTE(5), USB_DESC_BYTE(0x24), USB_DESC_BYTE(0x01), USB_DESC_BYTE(0x00), USB_DESC_BYTE(1),
  USB_DESC_BYTE(4), USB_DESC_BYTE(0x24), USB_DESC_BYTE(0x02), USB_DESC_BYTE(0x02),
  USB_DESC_BYTE(5), USB_DESC_BYTE(0x24), USB_DESC_BYTE(0x06), USB_DESC_BYTE(0), USB_DESC_BYTE(1),
  USB_DESC_ENDPOINT(NOTIFY_EP | 0x80u, 0x03, NOTIFY_SIZE, 0xFF),
  /* Interface 1: CDC data, bulk OUT and IN. */
  USB_DESC_INTERFACE(1, 0, 2, 0x0A, 0x00, 0x00, 0),
  USB_DESC_ENDPOINT(DATA_EP, 0x02, DATA_SIZE, 0x00),
  USB_DESC_ENDPOINT(DATA_EP | 0x80u, 0x02, DATA_SIZE, 0x00),
};

_Static_assert(sizeof config_descriptor_data == CONFIG_SIZE, "CONFIG_SIZE is the configuration's wTotalLength");

static const USBDescriptor device_descriptor = {sizeof device_descriptor_data, device_descriptor_data};
static const USBDescriptor config_descriptor = {sizeof config_descriptor_data, config_descriptor_data};

/* String descriptors: UTF-16LE after a length and a type byte. */
static const uint8_t string_languages[] = {USB_DESC_BYTE(4), USB_DESC_BYTE(USB_DESCRIPTOR_STRING), USB_DESC_WORD(0x0409)};
static const uint8_t string_manufacturer[] = {
  USB_DESC_BYTE(2 + 5 * 2), USB_DESC_BYTE(USB_DESCRIPTOR_STRING),
  'V', 0, 'i', 0, 'p', 0, 'e', 0, 'r', 0
};
static const uint8_t string_product[] = {
  USB_DESC_BYTE(2 + 28 * 2), USB_DESC_BYTE(USB_DESCRIPTOR_STRING),
  'V', 0, 'i', 0, 'p', 0, 'e', 0, 'r', 0, ' ', 0, 'V', 0, 'M', 0, ' ', 0, '(', 0, 'S', 0, 'T', 0,
  'M', 0, '3', 0, '2', 0, 'F', 0, '4', 0, '-', 0, 'D', 0, 'i', 0, 's', 0, 'c', 0, 'o', 0, 'v', 0,
  'e', 0, 'r', 0, 'y', 0, ')', 0
};
_Static_assert(sizeof string_manufacturer == 2 + 5 * 2 && sizeof string_product == 2 + 28 * 2,
               "a string descriptor's first byte is its length");
/* 24 hex digits of the unique id, filled in by viper_usb_serial_number_init(). */
static uint8_t string_serial[2u + 24u * 2u] = {USB_DESC_BYTE(2u + 24u * 2u), USB_DESC_BYTE(USB_DESCRIPTOR_STRING)};

static const USBDescriptor strings[] = {
  {sizeof string_languages, string_languages},
  {sizeof string_manufacturer, string_manufacturer},
  {sizeof string_product, string_product},
  {sizeof string_serial, string_serial},
};

void viper_usb_serial_number_init(void) {
  static const char hex[] = "0123456789ABCDEF";
  const volatile uint8_t *id = (const volatile uint8_t *)UNIQUE_ID_ADDRESS;
  unsigned i;
  for (i = 0; i < 12u; i++) {
    string_serial[2u + i * 4u] = (uint8_t)hex[id[i] >> 4];
    string_serial[2u + i * 4u + 1u] = 0;
    string_serial[2u + i * 4u + 2u] = (uint8_t)hex[id[i] & 15u];
    string_serial[2u + i * 4u + 3u] = 0;
  }
}

static const USBDescriptor *get_descriptor(USBDriver *usbp, uint8_t type, uint8_t index, uint16_t lang) {
  (void)usbp;
  (void)lang;
  switch (type) {
  case USB_DESCRIPTOR_DEVICE:
    return &device_descriptor;
  case USB_DESCRIPTOR_CONFIGURATION:
    return &config_descriptor;
  case USB_DESCRIPTOR_STRING:
    if (index < sizeof strings / sizeof strings[0]) return &strings[index];
    return NULL;
  default:
    return NULL;
  }
}

static USBInEndpointState data_in_state;
static USBOutEndpointState data_out_state;
static const USBEndpointConfig data_ep_config = {
  USB_EP_MODE_TYPE_BULK, NULL, sduDataTransmitted, sduDataReceived,
  DATA_SIZE, DATA_SIZE, &data_in_state, &data_out_state,
  2,      /* OTG: its transmit FIFO holds two packets */
  NULL
};

static USBInEndpointState notify_in_state;
static const USBEndpointConfig notify_ep_config = {
  USB_EP_MODE_TYPE_INTR, NULL, sduInterruptTransmitted, NULL,
  NOTIFY_SIZE, 0, &notify_in_state, NULL,
  1, NULL
};

/* From the USB interrupt. The host configuring the device (after every plug-in, and after a
 * bus reset) opens the endpoints and resets SerialUSB's queues: the link is up again. A reset,
 * a suspend (the cable pulled: no more start-of-frame packets) or unconfiguring suspends the
 * queues, so the VM's writes return at once instead of waiting for a host that is gone. */
static void usb_event(USBDriver *usbp, usbevent_t event) {
  switch (event) {
  case USB_EVENT_CONFIGURED:
    chSysLockFromISR();
    usbInitEndpointI(usbp, DATA_EP, &data_ep_config);
    usbInitEndpointI(usbp, NOTIFY_EP, &notify_ep_config);
    sduConfigureHookI(&viper_sdu);
    port_link_usb_configured_i();
    chSysUnlockFromISR();
    return;
  case USB_EVENT_RESET:
  case USB_EVENT_UNCONFIGURED:
  case USB_EVENT_SUSPEND:
    chSysLockFromISR();
    sduSuspendHookI(&viper_sdu);
    chSysUnlockFromISR();
    return;
  case USB_EVENT_WAKEUP:
    chSysLockFromISR();
    sduWakeupHookI(&viper_sdu);
    chSysUnlockFromISR();
    return;
  case USB_EVENT_ADDRESS:
  case USB_EVENT_STALLED:
  default:
    return;
  }
}

/* Every start of frame (1 ms): send a partly filled output buffer, so short answers go out
 * without waiting for 256 bytes. */
static void sof_handler(USBDriver *usbp) {
  (void)usbp;
  osalSysLockFromISR();
  sduSOFHookI(&viper_sdu);
  osalSysUnlockFromISR();
}

const USBConfig viper_usb_config = {usb_event, get_descriptor, sduRequestsHook, sof_handler};

const SerialUSBConfig viper_sdu_config = {&USBD1, DATA_EP, DATA_EP, NOTIFY_EP};
