// CRC-32C with the CPU's own instruction: about 8 bytes per 3 cycles on one stream, several
// times the table-driven loop in Swift (see BENCHMARKS.md). Chosen at run time: a CPU without
// it falls back to the Swift slicing-by-8 code.
#include "CDanvanCRC.h"

#include <string.h>

#if defined(__x86_64__)

int danvan_crc32c_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}

// No alignment prologue: x86-64 loads 8 unaligned bytes at full speed, while each byte step
// costs the instruction's whole 3-cycle latency. Log records are ~70 bytes, so the up to 7 + 7
// byte steps of an aligned loop were half of each record's checksum; the tail is now at most
// one 4-, one 2- and one 1-byte step.
__attribute__((target("sse4.2")))
uint32_t danvan_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *p = (const unsigned char *)bytes;
    uint64_t c = (uint32_t)~crc;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c = __builtin_ia32_crc32di(c, word);
        p += 8;
        count -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    if (count >= 4) {
        uint32_t word;
        memcpy(&word, p, 4);
        c32 = __builtin_ia32_crc32si(c32, word);
        p += 4;
        count -= 4;
    }
    if (count >= 2) {
        uint16_t half;
        memcpy(&half, p, 2);
        c32 = __builtin_ia32_crc32hi(c32, half);
        p += 2;
        count -= 2;
    }
    if (count > 0) {
        c32 = __builtin_ia32_crc32qi(c32, *p);
    }
    return ~c32;
}

#elif defined(__aarch64__)

#include <arm_acle.h>
#if defined(__linux__)
#include <sys/auxv.h>
#ifndef HWCAP_CRC32
#define HWCAP_CRC32 (1 << 7)
#endif
#endif

int danvan_crc32c_hardware_available(void) {
#if defined(__linux__)
    return (getauxval(AT_HWCAP) & HWCAP_CRC32) != 0;
#elif defined(__APPLE__)
    return 1;  // every Apple arm64 CPU has the CRC extension
#else
    return 0;
#endif
}

__attribute__((target("crc")))
uint32_t danvan_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t count) {
    const unsigned char *p = (const unsigned char *)bytes;
    uint32_t c = ~crc;
    while (count > 0 && ((uintptr_t)p & 7) != 0) {
        c = __crc32cb(c, *p++);
        count--;
    }
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c = __crc32cd(c, word);
        p += 8;
        count -= 8;
    }
    while (count > 0) {
        c = __crc32cb(c, *p++);
        count--;
    }
    return ~c;
}

#else

int danvan_crc32c_hardware_available(void) { return 0; }

uint32_t danvan_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return crc;  // never called: available() is 0
}

#endif
