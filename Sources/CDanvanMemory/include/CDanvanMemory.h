#ifndef CDANVAN_MEMORY_H
#define CDANVAN_MEMORY_H

#include <stddef.h>

/// Asks the kernel to back the 2 MiB-aligned part of [address, address + length) with
/// transparent huge pages (madvise MADV_HUGEPAGE), where the system leaves that to each program
/// (`/sys/kernel/mm/transparent_hugepage/enabled` = madvise). For large tables filled at once:
/// one fault per 2 MiB instead of one per 4 KiB. A hint only: failures are ignored.
void danvan_advise_huge_pages(void *address, size_t length);

#endif
