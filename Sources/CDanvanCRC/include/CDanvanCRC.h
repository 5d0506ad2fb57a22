#ifndef CDANVANCRC_H
#define CDANVANCRC_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU computes CRC-32C in hardware (x86-64 SSE4.2 `crc32`, AArch64 CRC extension).
int danvan_crc32c_hardware_available(void);

/// The CRC-32C of the data whose finished checksum is `crc`, followed by `count` bytes at
/// `bytes`, with the CPU's CRC-32C instruction. Call only when
/// `danvan_crc32c_hardware_available()` is non-zero. Same results as DanvanStorage's
/// table-driven `CRC32C.update`: reflected polynomial 0x82F63B78, pre- and post-inversion.
uint32_t danvan_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t count);

#endif
